import type { Path } from '../model/yaml-source';

/** A rule across fields is broken; path points at the offending key in the file. */
export class PlanError extends Error {
  constructor(
    readonly path: Path,
    message: string,
  ) {
    super(message);
    this.name = 'PlanError';
  }
}
