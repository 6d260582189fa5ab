/**
 * The `kubernetes` artifact simulation: the lab's manifests (every YAML file, parsed with
 * `yaml`, validated with the Kubernetes schemas of `kubernetes-models` and the API
 * server's own rules) applied to a modelled cluster and replayed through seven scenarios
 * on virtual time (lib/simulations/kubernetes). No cluster runs. A manifest that is not
 * YAML, or that the API server would refuse, is a file error at its line.
 */
import { simulateKubernetes } from '@/lib/simulations/kubernetes/simulate';
import type { ArtifactSimulation } from '../simulation';

const NEEDS = 'manifests that parse and that the Kubernetes API server would accept';

export const kubernetesSimulation: ArtifactSimulation = {
  id: 'kubernetes',
  async run({ artifact, files, options }) {
    const simulated = simulateKubernetes(files, options.seed ?? artifact.seed);
    if (!simulated.result) return { parse: { ok: false, errors: simulated.errors, needs: NEEDS }, result: null };
    return { parse: { ok: true, errors: [] }, result: simulated.result };
  },
};
