// Profiles last what the paper's tests lasted (10-30 s per website, 41 min
// for the torrent, II-B). CI needs them shorter: every time in a profile is
// multiplied by one factor, counts are kept, so the peaks of port demand
// (what the paper measured) are the same at any speed; only their length
// changes. Packet rates are kept too: a faster run sends fewer packets.
import { InputError } from '../model/errors';
import { scaledCounts } from './generator/activity-counts';
import { profileDuration, type Activity, type Phase, type Profile } from './profile-schema';

export interface ScaleOptions {
  /** Run this many times faster than the paper (2 = half the time). */
  readonly speed?: number;
  /** Run in exactly this many seconds; wins over `speed`. */
  readonly duration?: number;
  /**
   * The part of the profile one client plays (0 to 1): counts and waves are
   * multiplied by it, at least one each, so that a profile measured for a
   * whole residence (campus) is shared by its hosts. Default 1.
   */
  readonly share?: number;
}

export type ScaledProfile = Profile & {
  /** The factor every time was multiplied by (1 = as calibrated). */
  readonly timeScale: number;
};

export function timeScaleOf(profile: Profile, opts: ScaleOptions): number {
  const { speed, duration } = opts;
  if (duration !== undefined) {
    if (!(duration > 0)) throw new InputError(`duration must be more than 0 seconds, got ${duration}`, { key: 'duration' });
    return duration / profileDuration(profile);
  }
  if (speed !== undefined) {
    if (!(speed > 0)) throw new InputError(`speed must be more than 0, got ${speed}`, { key: 'speed' });
    return 1 / speed;
  }
  return 1;
}

export function scaleProfile(profile: Profile, opts: ScaleOptions = {}): ScaledProfile {
  const f = timeScaleOf(profile, opts);
  const t = (s: number) => s * f;
  const share = opts.share ?? 1;
  if (!(share > 0 && share <= 1)) throw new InputError(`share must be more than 0 and at most 1, got ${share}`, { key: 'share' });
  // Optional times stay absent when absent, so a scale of 1 gives the same data back.
  const activity = (a: Activity): Activity => {
    const scaled: Activity = { ...scaledCounts(a, share), at: t(a.at) };
    if (scaled.hold !== undefined) scaled.hold = t(scaled.hold);
    if (scaled.kind !== 'udp' && scaled.interval !== undefined) scaled.interval = t(scaled.interval);
    return scaled;
  };
  const phase = (ph: Phase): Phase => ({
    ...ph,
    start: t(ph.start),
    duration: t(ph.duration),
    activities: ph.activities.map(activity),
  });
  const variation = profile.variation && { ...profile.variation, start: t(profile.variation.start) };
  return { ...profile, phases: profile.phases.map(phase), ...(variation ? { variation } : {}), timeScale: f };
}
