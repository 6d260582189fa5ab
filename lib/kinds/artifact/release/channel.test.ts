import { describe, expect, it } from 'vitest';
import { findAction } from '../pipeline/catalogue';
import { createRelease, latestOf, publishSettings } from './channel';

const base = [
  { tag: 'v1.3.0', prerelease: false, draft: false, latest: false },
  { tag: 'v1.4.0', prerelease: false, draft: false, latest: true },
];

describe('GitHub release settings', () => {
  it('reads gh release create: no --latest means GitHub decides (make_latest true)', () => {
    expect(publishSettings({ cli: 'gh release create v1.3.1 --generate-notes' }, 'v1.3.1')).toEqual({ tag: 'v1.3.1', prerelease: false, draft: false, makeLatest: 'true' });
    expect(publishSettings({ cli: 'gh release create v1.3.1 --latest=false -p' }, 'x')).toMatchObject({ makeLatest: 'false', prerelease: true });
    expect(publishSettings({ cli: 'gh release create --draft' }, 'v2.0.0')).toMatchObject({ tag: 'v2.0.0', draft: true });
  });

  it('reads release actions: softprops make_latest, and build-plugin always drafts', () => {
    const softprops = findAction('softprops/action-gh-release@abc')!;
    expect(publishSettings({ action: softprops, inputs: { prerelease: 'true', make_latest: 'false' } }, 'v1.4.0-rc.1')).toEqual({ tag: 'v1.4.0-rc.1', prerelease: true, draft: false, makeLatest: 'false' });
    expect(publishSettings({ action: findAction('grafana/plugin-actions/build-plugin@x')!, inputs: {} }, 'v1.4.0').draft).toBe(true);
  });
});

describe("GitHub's latest rule", () => {
  it('moves latest to a new full release by default, even to an older version', () => {
    const after = createRelease(base, { tag: 'v1.3.1', prerelease: false, draft: false, makeLatest: 'true' }).channel;
    expect(latestOf(after)).toBe('v1.3.1');
  });

  it('never gives latest to a pre-release or a draft, or when make_latest is false', () => {
    for (const s of [{ prerelease: true, draft: false, makeLatest: 'true' as const }, { prerelease: false, draft: true, makeLatest: 'true' as const }, { prerelease: false, draft: false, makeLatest: 'false' as const }]) {
      expect(latestOf(createRelease(base, { tag: 'v1.3.1', ...s }).channel)).toBe('v1.4.0');
    }
  });

  it('refuses a second release for the same tag', () => {
    expect(createRelease(base, { tag: 'v1.4.0', prerelease: false, draft: false, makeLatest: 'true' }).error).toMatch(/422/);
  });
});
