/**
 * A ticking clock for live SLA countdowns. It runs on the server's time: the offset between the
 * answer's `now` and the browser clock is taken once per answer, so a user whose computer clock is
 * off still sees the same due times as the rest of the team.
 */
import { useEffect, useMemo, useState } from 'react';

export type Clock = () => number;

export function useServerNow(serverNow: string | undefined, clock: Clock = Date.now, tickMs = 1000): Date {
  const offset = useMemo(() => (serverNow ? Date.parse(serverNow) - clock() : 0), [serverNow, clock]);
  const [, setTick] = useState(0);
  useEffect(() => {
    // Only re-renders; the time itself is read from the clock below.
    const id = setInterval(() => setTick((t) => t + 1), tickMs);
    return () => clearInterval(id);
  }, [tickMs]);
  return new Date(clock() + offset);
}
