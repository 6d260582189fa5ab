/**
 * GitHub Releases as a release channel: which release is "latest" (what
 * `releases/latest`, and so the fleet's installer, gets), which are pre-releases and
 * drafts. Modelled on GitHub's REST API "Create a release": `prerelease` defaults to
 * false, `draft` to false, and `make_latest` to true for a newly published release;
 * drafts and pre-releases can never be latest; `legacy` picks the newest release by
 * creation date (so, for a release made now, the new one). `gh release create` sends
 * `make_latest` only when `--latest` is given, so without it GitHub's default applies:
 * a hotfix for an older line becomes "latest" unless told otherwise.
 */
import type { ActionEntry } from '../pipeline/catalogue';
import type { ChannelRelease } from './scenarios';

export type MakeLatest = 'true' | 'false' | 'legacy';

/** How a release was created. */
export interface PublishSettings {
  tag: string;
  prerelease: boolean;
  draft: boolean;
  makeLatest: MakeLatest;
}

const truthy = (v: string | undefined) => v !== undefined && ['true', '1', 'yes'].includes(v.trim().toLowerCase());

/** Reads a boolean flag of `gh`: `--x`, `--x=true|false`, or its short form. */
function flag(words: string[], long: string, short?: string): boolean | undefined {
  let value: boolean | undefined;
  for (const w of words) {
    if (w === `--${long}` || (short && w === `-${short}`)) value = true;
    else if (w.startsWith(`--${long}=`)) value = truthy(w.slice(long.length + 3));
  }
  return value;
}

/**
 * The settings of one publish: from the words of a `gh release create` command, or from
 * a release action's inputs (softprops/action-gh-release: prerelease, draft, make_latest;
 * ncipollo/release-action: prerelease, draft, makeLatest; grafana/plugin-actions
 * build-plugin always makes a draft). `refName` is the run's tag, the default tag.
 */
export function publishSettings(source: { cli: string } | { action: ActionEntry; inputs: Record<string, string> }, refName: string): PublishSettings {
  if ('cli' in source) {
    const words = source.cli.split(/\s+/).filter(Boolean);
    const at = words.indexOf('create');
    const positional = words[at + 1];
    const latest = flag(words, 'latest');
    return {
      tag: positional && !positional.startsWith('-') ? positional.replace(/^["']|["']$/g, '') : refName,
      prerelease: flag(words, 'prerelease', 'p') ?? false,
      draft: flag(words, 'draft', 'd') ?? false,
      makeLatest: latest === undefined ? 'true' : latest ? 'true' : 'false',
    };
  }
  const { action, inputs } = source;
  if (action.effect === 'build-plugin') return { tag: refName, prerelease: false, draft: true, makeLatest: 'true' };
  const latestInput = (inputs.make_latest ?? inputs.makeLatest ?? '').trim().toLowerCase();
  return {
    tag: inputs.tag_name || inputs.tag || refName,
    prerelease: truthy(inputs.prerelease),
    draft: truthy(inputs.draft),
    makeLatest: latestInput === 'false' ? 'false' : latestInput === 'legacy' ? 'legacy' : 'true',
  };
}

/** The channel after creating one release, by GitHub's rules. A tag that already has a release is refused (HTTP 422). */
export function createRelease(channel: ChannelRelease[], settings: PublishSettings): { channel: ChannelRelease[]; error?: string } {
  if (channel.some((r) => r.tag === settings.tag)) return { channel, error: `HTTP 422: a release for ${settings.tag} already exists` };
  const takesLatest = !settings.draft && !settings.prerelease && settings.makeLatest !== 'false';
  const created: ChannelRelease = { tag: settings.tag, prerelease: settings.prerelease, draft: settings.draft, latest: takesLatest };
  return { channel: [...channel.map((r) => (takesLatest ? { ...r, latest: false } : r)), created] };
}

export const latestOf = (channel: ChannelRelease[]) => channel.find((r) => r.latest)?.tag ?? null;
