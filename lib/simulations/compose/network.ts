/**
 * One HTTP request from inside a container, on the stack's simulated network: Docker's
 * embedded DNS resolves a service name (or container_name, or a network alias) to that
 * service's container on a network both share; `localhost` is the calling container
 * itself; a container port answers only where the image's process listens, once it is
 * ready. Ports published to the host play no part between containers.
 */
import { listeningPorts } from './images';
import type { ServiceModel } from './model';

export interface ServiceClock {
  startedAtMs?: number;
  readyAtMs?: number;
}

export interface HttpOutcome {
  /** The HTTP status, or undefined when no answer came (refused, unresolved…). */
  status?: number;
  /** Why there was no answer (or what a refusing answer said), in the words a client prints. */
  error?: string;
  /** Which service answered. */
  reached?: string;
}

export interface Network {
  services: ServiceModel[];
  clock(service: string): ServiceClock;
  /** The key the metrics API accepts. */
  acceptedKey: string;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '0.0.0.0']);

export function httpFrom(net: Network, from: ServiceModel, url: string, atMs: number, headers: Record<string, string> = {}): HttpOutcome {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { error: `"${url}" is not a URL` };
  }
  const host = parsed.hostname;
  let target: ServiceModel | undefined;
  if (LOOPBACK.has(host)) target = from;
  else {
    const named = net.services.find((s) => s.name === host || s.containerName === host || s.aliases.includes(host));
    if (!named) {
      const hint = host === 'host.docker.internal' ? ' (on Linux it resolves only with extra_hosts: host-gateway, and it goes out to the host anyway)' : '';
      return { error: `could not resolve host "${host}"${hint}` };
    }
    if (!named.networks.some((n) => from.networks.includes(n))) return { error: `could not resolve host "${host}": it shares no network with ${from.name}` };
    target = named;
  }
  const port = parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
  const clock = net.clock(target.name);
  const where = `${host}:${port}`;
  if (clock.startedAtMs === undefined || atMs < clock.startedAtMs) return { error: `could not resolve host "${host}": its container is not running` };
  if (!listeningPorts(target.image).includes(port)) return { error: `connection refused at ${where}: nothing in ${target.name === from.name ? `${from.name} itself` : target.name} listens on port ${port}` };
  if (clock.readyAtMs === undefined || atMs < clock.readyAtMs) return { error: `connection refused at ${where}: ${target.name} is still starting` };
  const tls = port === target.image.tlsPort;
  if (parsed.protocol === 'https:' && !tls) return { error: `TLS handshake failed at ${where}: the server speaks plain HTTP (http: server gave HTTP response to HTTPS client)` };
  // Go's net/http answers a plain request on a TLS port with this 400 and closes.
  if (parsed.protocol === 'http:' && tls) return { status: 400, reached: target.name, error: 'Client sent an HTTP request to an HTTPS server.' };
  const access = target.image.paths[parsed.pathname.replace(/\/+$/, '') || '/'];
  if (!access) return { status: 404, reached: target.name };
  if (access === 'key') {
    const auth = headers.Authorization ?? '';
    return { status: auth === `Bearer ${net.acceptedKey}` && net.acceptedKey !== '' ? 200 : 401, reached: target.name };
  }
  return { status: 200, reached: target.name };
}
