/** ROLLBACK.md: which lines are commands, and what kubectl answers to each against the simulated cluster. */
import { describe, expect, it } from 'vitest';
import { ControlPlane } from './controller';
import { parseManifests } from './manifests';
import { planCommands, runPlan } from './plan';
import { labFiles } from './test-files';

describe('planCommands', () => {
  it('takes the lines of fenced blocks, drops prompts and comments, joins continued lines', () => {
    const md = ['# Plan', 'kubectl get pods (prose, not run)', '```sh', '# a comment', '$ kubectl rollout undo \\', '    deployment/x --to-revision=1  # back', '```', '', '~~~', 'kubectl get pods', '~~~'].join('\n');
    expect(planCommands(md)).toEqual([
      { line: 5, command: 'kubectl rollout undo deployment/x --to-revision=1' },
      { line: 10, command: 'kubectl get pods' },
    ]);
  });

  it('finds nothing in prose', () => {
    expect(planCommands('Roll back with kubectl rollout undo.')).toEqual([]);
  });
});

describe('runPlan', () => {
  const { cluster } = parseManifests(labFiles('solution'));
  const fresh = () => {
    const cp = new ControlPlane(cluster!, 1);
    cp.reconcile(0);
    return cp;
  };
  const one = (cp: ControlPlane, command: string) => runPlan([{ line: 1, command }], cp, cluster!, 10)[0];

  it('answers NotFound for another name or namespace, as kubectl does', () => {
    expect(one(fresh(), 'kubectl rollout undo deployment/other').output).toBe('Error from server (NotFound): deployments.apps "other" not found');
    expect(one(fresh(), 'kubectl -n prod rollout undo deploy lab-upstream-backend').output).toContain('it is in namespace default; this command looks in prod');
  });

  it('has no history to undo on a first revision, and refuses to undo a paused rollout', () => {
    expect(one(fresh(), 'kubectl rollout undo deployment/lab-upstream-backend').output).toBe('error: no rollout history found for deployment "lab-upstream-backend"');
    const cp = fresh();
    one(cp, 'kubectl rollout pause deployment/lab-upstream-backend');
    expect(one(cp, 'kubectl rollout undo deployment/lab-upstream-backend')).toMatchObject({ outcome: 'error', output: expect.stringContaining('cannot rollback a paused deployment') });
  });

  it('set image changes the template; an unknown container is refused', () => {
    const cp = fresh();
    expect(one(cp, 'kubectl set image deployment/lab-upstream-backend backend=ghcr.io/lab-upstream/datasource-backend:1.3.1').outcome).toBe('ran');
    expect(cp.deployment.template.containers[0].image).toBe('ghcr.io/lab-upstream/datasource-backend:1.3.1');
    expect(one(cp, 'kubectl set image deployment/lab-upstream-backend app=x:1').output).toBe('error: unable to find container named "app"');
  });

  it('says what it does not model', () => {
    expect(one(fresh(), 'helm rollback lab 1').outcome).toBe('not-modelled');
    expect(one(fresh(), 'kubectl get pods -l app=lab-upstream-backend').outcome).toBe('read');
  });
});
