// Fails a tag push whose tag (without its leading "v") differs from package.json's
// version, so a release is never published under the wrong number.
import { readFileSync } from 'node:fs';

const { GITHUB_REF_TYPE, GITHUB_REF_NAME } = process.env;
if (GITHUB_REF_TYPE !== 'tag') {
  console.log('Not a tag push: nothing to compare.');
  process.exit(0);
}
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const tagVersion = GITHUB_REF_NAME.replace(/^v/, '');
if (tagVersion !== version) {
  console.error(`Tag ${GITHUB_REF_NAME} does not match package.json version ${version}.`);
  process.exit(1);
}
console.log(`Tag ${GITHUB_REF_NAME} matches package.json.`);
