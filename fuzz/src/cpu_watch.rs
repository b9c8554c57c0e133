//! A per-input limit on CPU time, not wall time.
//!
//! libFuzzer's `-timeout` measures wall time: a fuzzer run at `nice 19` beside
//! builds gets a small share of a core, and an input that takes one second of
//! CPU can take a minute of wall time, reported as a timeout that is not one.
//! Here a watchdog thread reads the process's CPU time once a second and,
//! when one input has used more than `FUZZ_CPU_LIMIT` seconds (default 20),
//! says so and aborts: libFuzzer saves the input as a crash, as it does for
//! its own timeouts. (`run.sh` then gives `-timeout` a wide wall-time margin,
//! for inputs that block without using CPU.)

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Once;
use std::time::Duration;

/// CPU ticks of the process when the current input started (`IDLE` between inputs).
static STARTED: AtomicU64 = AtomicU64::new(IDLE);
const IDLE: u64 = u64::MAX;

/// Process CPU time (user and system) in clock ticks, from `/proc/self/stat`.
fn cpu_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces):
    // state is field 3, utime 14, stime 15.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

/// Clock ticks per second (`_SC_CLK_TCK`; 100 on Linux for every
/// architecture this runs on).
const TICKS_PER_SECOND: u64 = 100;

fn limit_ticks() -> u64 {
    let seconds = std::env::var("FUZZ_CPU_LIMIT").ok().and_then(|s| s.parse::<u64>().ok()).unwrap_or(20);
    seconds * TICKS_PER_SECOND
}

fn watchdog() {
    let limit = limit_ticks();
    loop {
        std::thread::sleep(Duration::from_secs(1));
        let started = STARTED.load(Ordering::Relaxed);
        let Some(now) = cpu_ticks() else { continue };
        if started != IDLE && now.saturating_sub(started) > limit {
            eprintln!(
                "==cpu_watch== one input used more than {} s of CPU time (FUZZ_CPU_LIMIT); aborting so that libFuzzer saves it",
                limit / TICKS_PER_SECOND
            );
            std::process::abort();
        }
    }
}

/// The current input, from its start until dropped.
pub struct Input;

impl Input {
    pub fn start() -> Input {
        static SPAWN: Once = Once::new();
        SPAWN.call_once(|| {
            std::thread::Builder::new().name("cpu_watch".into()).spawn(watchdog).expect("start the CPU watchdog");
        });
        STARTED.store(cpu_ticks().unwrap_or(IDLE), Ordering::Relaxed);
        Input
    }
}

impl Drop for Input {
    fn drop(&mut self) {
        STARTED.store(IDLE, Ordering::Relaxed);
    }
}
