//! How long the records have been left alone, for the idle lock.
//!
//! The monotonic clock (`Instant`) stops while a laptop sleeps, so a laptop closed for the
//! night and opened in the morning would count as idle for a few seconds only. The wall clock
//! counts the night, but can be set back. Idle time is the larger of the two, so neither a
//! sleep nor a clock change keeps the records open past the limit.

use std::time::{Duration, Instant, SystemTime};

/// When the person last did anything, on both clocks.
#[derive(Debug, Clone, Copy)]
pub struct IdleClock {
    wall: SystemTime,
    monotonic: Instant,
}

/// One reading of both clocks.
#[derive(Debug, Clone, Copy)]
pub struct Now {
    pub wall: SystemTime,
    pub monotonic: Instant,
}

impl Now {
    pub fn read() -> Now {
        Now { wall: SystemTime::now(), monotonic: Instant::now() }
    }
}

impl IdleClock {
    pub fn starting(now: Now) -> IdleClock {
        IdleClock { wall: now.wall, monotonic: now.monotonic }
    }

    /// Time without use: the larger of wall time and monotonic time since the last activity.
    pub fn idle_for(&self, now: Now) -> Duration {
        let wall = now.wall.duration_since(self.wall).unwrap_or_default();
        wall.max(now.monotonic.saturating_duration_since(self.monotonic))
    }

    /// True when `limit` has passed without use: the records must lock.
    pub fn expired(&self, now: Now, limit: Duration) -> bool {
        self.idle_for(now) >= limit
    }

    /// Activity at `now`. Refused (false) when the limit had already passed: input after the
    /// laptop wakes must lock the records, not count as the person still being there.
    pub fn touch(&mut self, now: Now, limit: Duration) -> bool {
        if self.expired(now, limit) {
            return false;
        }
        *self = IdleClock::starting(now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: Duration = Duration::from_secs(10 * 60);

    #[test]
    fn a_night_asleep_counts_as_idle_although_the_monotonic_clock_stood_still() {
        let start = Now::read();
        let clock = IdleClock::starting(start);
        // The lid was closed for eight hours: the wall clock moved, the monotonic clock one second.
        let morning = Now {
            wall: start.wall + Duration::from_secs(8 * 3600),
            monotonic: start.monotonic + Duration::from_secs(1),
        };
        assert!(clock.expired(morning, LIMIT));
        assert_eq!(clock.idle_for(morning), Duration::from_secs(8 * 3600));
    }

    #[test]
    fn input_on_waking_does_not_reset_an_expired_clock() {
        let start = Now::read();
        let mut clock = IdleClock::starting(start);
        let soon =
            Now { wall: start.wall + Duration::from_secs(60), monotonic: start.monotonic + Duration::from_secs(60) };
        assert!(clock.touch(soon, LIMIT), "activity within the limit counts");
        let woken = Now { wall: soon.wall + LIMIT, monotonic: soon.monotonic + Duration::from_secs(2) };
        assert!(!clock.touch(woken, LIMIT), "the key pressed on waking kept the records open");
        assert!(clock.expired(woken, LIMIT));
    }

    #[test]
    fn a_clock_set_back_does_not_keep_the_records_open() {
        let start = Now::read();
        let clock = IdleClock::starting(start);
        let later = Now {
            wall: start.wall - Duration::from_secs(3600),
            monotonic: start.monotonic + LIMIT + Duration::from_secs(1),
        };
        assert!(clock.expired(later, LIMIT));
    }
}
