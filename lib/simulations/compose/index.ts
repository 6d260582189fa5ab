/** The `docker compose up` model of Week 3 lab 4 (see lab.ts and README.md). */
export { composeLab, COMPOSE_FILE, DOTENV_FILE, KEY_VARIABLE, SIMULATION_NOTES, type ComposeLabReport, type LabOptions } from './lab';
