/** Class names the mentor screens share, so buttons and fields look alike everywhere. */
export const BUTTON = 'rounded border border-border bg-panel-2 px-3 py-1.5 text-sm text-white hover:bg-panel disabled:opacity-60';
export const PRIMARY = 'rounded bg-accent px-3 py-1.5 text-sm font-semibold text-black hover:bg-accent/90 disabled:opacity-60';
export const FIELD = 'rounded border border-border bg-canvas px-2 py-1.5 text-sm text-text';
export const CARD = 'rounded border border-border bg-panel p-4';
