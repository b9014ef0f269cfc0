// The one place that knows how to reach the Docker daemon.
import Docker from 'dockerode';
import { EnvironmentError } from '../model/errors';

let shared: Docker | undefined;

export function docker(): Docker {
  shared ??= new Docker(); // honours DOCKER_HOST, else /var/run/docker.sock
  return shared;
}

/** Fails with exit code 3 and a way out when no daemon answers. */
export async function requireDocker(): Promise<Docker> {
  const d = docker();
  try {
    await d.ping();
    return d;
  } catch (e) {
    throw new EnvironmentError(`no Docker daemon answers (${(e as Error).message})`, {
      hint:
        process.getuid?.() === 0
          ? 'start one: bash scripts/setup-host.sh (installs docker.io if needed and starts dockerd)'
          : 'start one as root: sudo bash scripts/setup-host.sh, and make sure you may use /var/run/docker.sock',
      cause: e,
    });
  }
}
