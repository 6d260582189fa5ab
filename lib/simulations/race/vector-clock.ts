/**
 * A vector clock: for each goroutine (by its index in the run, 0 = main), the
 * latest of its steps known to have happened before the holder's current point.
 */
export class VectorClock {
  constructor(private readonly c: number[] = []) {}

  get(i: number): number {
    return this.c[i] ?? 0;
  }

  /** Advances goroutine `i`'s own component: accesses after this are not covered by releases before it. */
  tick(i: number): void {
    this.c[i] = this.get(i) + 1;
  }

  /** Pointwise maximum, in place: what `other` knew, this now knows too (an acquire). */
  join(other: VectorClock): void {
    for (let i = 0; i < other.c.length; i++) if ((other.c[i] ?? 0) > this.get(i)) this.c[i] = other.c[i];
  }

  copy(): VectorClock {
    return new VectorClock([...this.c]);
  }
}

/** An epoch: goroutine `index` at its own clock `clock`. It happened before `vc` when vc knows that step. */
export function happensBefore(index: number, clock: number, vc: VectorClock): boolean {
  return clock <= vc.get(index);
}
