//! The real binary in a pseudo-terminal, its screen read back through a
//! terminal emulator: a whole round by keyboard, resizes, and signals in every phase.

#![cfg(unix)]

use std::io::ErrorKind;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use expectrl::process::unix::{Signal, WaitStatus};
use expectrl::{Expect, Session};

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal has at least one row and column")
}

struct Term {
    session: expectrl::session::OsSession,
    parser: vt100::Parser,
    data: tempfile::TempDir,
}

impl Term {
    fn spawn(args: &[&str], cols: u16, rows: u16) -> Term {
        Term::spawn_as(args, cols, rows, "xterm-256color")
    }

    /// `spawn` with another `TERM`.
    fn spawn_as(args: &[&str], cols: u16, rows: u16, term: &str) -> Term {
        let data = tempfile::tempdir().unwrap();
        // The pty starts with echo off; `stty sane` gives drill the cooked,
        // echoing terminal a shell has, so its restoring can be checked.
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "stty sane; exec \"$@\"", "sh", env!("CARGO_BIN_EXE_drill")]);
        cmd.args(["--no-builtin", "--bank", "tests/fixtures/good", "--data-dir"]).arg(data.path()).args(args);
        cmd.env("TERM", term).env_remove("NO_COLOR").env_remove("DRILL_BANK");
        let mut session = Session::spawn(cmd).expect("spawn in a pty");
        session.get_process_mut().set_window_size(cols, rows).unwrap();
        Term { session, parser: vt100::Parser::new(nz(rows), nz(cols), 0), data }
    }

    fn pump(&mut self) {
        let mut buf = [0u8; 16384];
        loop {
            match self.session.try_read(&mut buf) {
                Ok(0) => break,
                Ok(n) => self.parser.process(&buf[..n]),
                Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                Err(_) => break,
            }
        }
    }

    fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Waits until the screen shows `text`; fails with the screen.
    fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            self.pump();
            if self.screen().contains(text) {
                return;
            }
            sleep(Duration::from_millis(25));
        }
        panic!("timed out waiting for {text:?}; the screen shows:\n{}", self.screen());
    }

    /// Sends keys; a pause after each lone Esc so it is not read as Alt.
    fn keys(&mut self, keys: &str) {
        self.session.send(keys).unwrap();
        sleep(Duration::from_millis(if keys == "\x1b" { 150 } else { 40 }));
    }

    /// The JSON output of another drill command on the same data directory.
    fn json(&self, args: &[&str]) -> serde_json::Value {
        let out = Command::new(env!("CARGO_BIN_EXE_drill"))
            .args(["--no-builtin", "--bank", "tests/fixtures/good", "--data-dir"])
            .arg(self.data.path())
            .args(args)
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    }

    fn wait_exit(&mut self) -> WaitStatus {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            self.pump();
            // `status` reaps the child, so its answer is kept, not asked twice.
            match self.session.get_process().status() {
                Ok(WaitStatus::StillAlive) => {}
                Ok(status) => {
                    self.pump();
                    return status;
                }
                Err(e) => panic!("waiting for drill: {e}"),
            }
            sleep(Duration::from_millis(25));
        }
        panic!("drill did not exit; the screen shows:\n{}", self.screen());
    }
}

#[test]
fn a_whole_round_by_keyboard() {
    let mut t = Term::spawn(&["start", "--count", "2", "--seed", "7"], 100, 30);
    t.wait_for("Question 1/2");
    t.wait_for(" left");
    t.keys("retry with backoff then a dead-letter queue");
    t.wait_for("retry with backoff then a dead-letter queue");
    t.keys("\x1b");
    t.keys("r");
    t.wait_for("Key points");
    t.wait_for("Model answer");
    t.keys("3");
    t.wait_for("Model answer · senior");
    t.keys("m");
    t.wait_for("Weak:");
    t.keys("f");
    t.keys(" ");
    t.keys("\r");
    t.wait_for("Question 2/2");
    t.keys("\x1b");
    t.keys("r");
    t.wait_for("Key points");
    t.keys("j");
    t.keys(" ");
    t.keys("\r");
    t.wait_for("round complete");
    t.wait_for("By topic");
    t.wait_for("Again: drill --no-builtin --bank tests/fixtures/good start --count 2 --seed 7");
    t.keys("\r");
    let status = t.wait_exit();
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}\n{}", t.screen());
    let screen = t.parser.screen();
    assert!(!screen.alternate_screen(), "the alternate screen was left");
    assert!(!screen.hide_cursor(), "the cursor is shown again");
    assert!(t.screen().contains("drill: round done"), "{}", t.screen());
    // Both graded questions were saved as they were graded.
    let history = t.json(&["history", "--format", "json"]);
    assert_eq!(history.as_array().map(Vec::len), Some(2), "{history}");
    assert_eq!(history[1]["answer"], "retry with backoff then a dead-letter queue");
}

#[test]
fn a_mock_with_a_follow_up_then_the_debrief() {
    let mut t = Term::spawn(&["mock", "--topic", "ttl", "--count", "1"], 100, 30);
    t.wait_for("Question 1/1");
    t.keys("how stale the business accepts, and the cost of a miss");
    t.wait_for("cost of a miss");
    t.keys("\x1b");
    t.keys("d");
    t.wait_for("How sure are you");
    t.keys("4");
    t.wait_for("Follow-up 1/1");
    t.wait_for("What if all keys expire at once?");
    // Nothing is revealed while the interviewer is still asking.
    assert!(!t.screen().contains("Model answer"), "{}", t.screen());
    t.keys("add jitter to the expiry");
    t.keys("\x1b");
    t.keys("d");
    t.wait_for("Debrief 1/1");
    t.wait_for("Follow-up 1");
    t.keys("\r");
    t.wait_for("mock interview complete");
    t.wait_for("Answered at");
    t.keys("\r");
    let status = t.wait_exit();
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}\n{}", t.screen());
    let history = t.json(&["history", "--format", "json"]);
    assert_eq!(history[0]["confidence"], 4, "{history}");
    assert_eq!(history[0]["parts"][0]["answer"], "add jitter to the expiry", "{history}");
}

#[test]
fn sigterm_mid_follow_up_keeps_graded_answers_and_restores_the_terminal() {
    let mut t = Term::spawn(&["mock", "--count", "3", "--seed", "7", "--follow-ups", "1"], 100, 30);
    // Answer until the question with a follow-up asks it.
    for _ in 0..3 {
        t.wait_for(" left");
        if t.screen().contains("Follow-up 1/1") {
            break;
        }
        t.keys("an answer");
        t.keys("\x1b");
        t.keys("d");
        t.wait_for("How sure are you");
        t.keys("\r");
        sleep(Duration::from_millis(300));
        t.pump();
    }
    t.wait_for("Follow-up 1/1");
    t.keys("half a follow-up");
    t.wait_for("half a follow-up");
    stop_with(&mut t, Signal::SIGTERM);
    assert!(t.screen().contains("stopped by signal 15"), "{}", t.screen());
    // A mock grades in its debrief: nothing was graded, nothing is half-saved.
    assert_eq!(attempts(&t), 0);
}

#[test]
fn sigterm_mid_round_restores_the_terminal() {
    let mut t = Term::spawn(&["start", "--count", "2", "--seed", "1"], 80, 24);
    t.wait_for("Question 1/2");
    t.keys("half an answer");
    t.wait_for("half an answer");
    t.session.get_process_mut().signal(Signal::SIGTERM).unwrap();
    let status = t.wait_exit();
    assert!(matches!(status, WaitStatus::Exited(_, 143)), "{status:?}");
    let screen = t.parser.screen();
    assert!(!screen.alternate_screen());
    assert!(!screen.hide_cursor());
    assert!(t.screen().contains("stopped by signal 15"), "{}", t.screen());
}

/// A terminal that stops reading (a paused emulator, a hung ssh session)
/// leaves a draw stuck in `write`, and the loop never sees the first
/// signal: a second one must still end drill and put the screen back.
#[test]
fn a_second_signal_ends_drill_stuck_writing_to_a_terminal_that_stopped_reading() {
    let mut t = Term::spawn(&["start", "--count", "1", "--seed", "1"], 100, 30);
    t.wait_for("Question 1/1");
    // Nothing reads the terminal from here on; every resize is a full
    // redraw, so drill's writes soon fill the terminal's buffer and block.
    for i in 0..80 {
        let (cols, rows) = if i % 2 == 0 { (250, 80) } else { (249, 79) };
        t.session.get_process_mut().set_window_size(cols, rows).unwrap();
        t.session.get_process_mut().signal(Signal::SIGWINCH).unwrap();
        sleep(Duration::from_millis(15));
    }
    sleep(Duration::from_millis(300));
    t.session.get_process_mut().signal(Signal::SIGTERM).unwrap();
    sleep(Duration::from_millis(500));
    assert!(
        matches!(t.session.get_process().status(), Ok(WaitStatus::StillAlive)),
        "drill must be stuck in a draw for this test to mean anything"
    );
    t.session.get_process_mut().signal(Signal::SIGTERM).unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    let status = loop {
        match t.session.get_process().status() {
            Ok(WaitStatus::StillAlive) if Instant::now() < deadline => sleep(Duration::from_millis(25)),
            other => break other,
        }
    };
    assert!(matches!(status, Ok(WaitStatus::Exited(_, 143))), "{status:?}");
    t.parser.screen_mut().set_size(nz(79), nz(249));
    t.pump();
    let screen = t.parser.screen();
    assert!(!screen.alternate_screen(), "the alternate screen was left");
    assert!(!screen.hide_cursor(), "the cursor is shown");
}

#[test]
fn tiny_and_resized_terminals_never_break() {
    let mut t = Term::spawn(&["start", "--count", "1", "--seed", "2"], 40, 10);
    t.wait_for("Terminal too small");
    t.session.get_process_mut().set_window_size(100, 30).unwrap();
    t.session.get_process_mut().signal(Signal::SIGWINCH).unwrap();
    t.parser.screen_mut().set_size(nz(30), nz(100));
    t.wait_for("Question 1/1");
    for (cols, rows) in [(60, 18), (1, 1), (200, 60), (61, 19)] {
        t.session.get_process_mut().set_window_size(cols, rows).unwrap();
        t.session.get_process_mut().signal(Signal::SIGWINCH).unwrap();
        sleep(Duration::from_millis(60));
    }
    t.parser.screen_mut().set_size(nz(19), nz(61));
    t.keys("\x1b");
    t.keys("q");
    t.wait_for("Leave this round?");
    t.keys("y");
    let status = t.wait_exit();
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");
}

/// Ends drill with `signal` and checks what the user is left with: the
/// terminal restored (echo back on, so raw mode is off; the alternate
/// screen left; the cursor shown) and an exit code naming the signal.
fn stop_with(t: &mut Term, signal: Signal) {
    t.session.get_process_mut().signal(signal).unwrap();
    let status = t.wait_exit();
    let code = 128 + signal as i32;
    assert!(matches!(status, WaitStatus::Exited(_, c) if c == code), "{signal:?}: {status:?}\n{}", t.screen());
    let screen = t.parser.screen();
    assert!(!screen.alternate_screen(), "{signal:?}: the alternate screen was left");
    assert!(!screen.hide_cursor(), "{signal:?}: the cursor is shown");
    assert!(t.session.get_process().get_echo().unwrap(), "{signal:?}: raw mode is off");
}

/// Attempts in the history of `t`'s data directory.
fn attempts(t: &Term) -> u64 {
    t.json(&["stats", "--format", "json"])["attempts"].as_u64().unwrap()
}

/// Reveals the current question, ticks the first key point and grades it.
fn grade_one(t: &mut Term) {
    t.keys("\x1b");
    t.keys("r");
    t.wait_for("Key points");
    t.keys(" ");
    t.keys("\r");
}

#[test]
fn killing_drill_in_any_phase_restores_the_terminal_and_keeps_every_graded_answer() {
    let mut t = Term::spawn(&[], 100, 30);
    t.wait_for("drill · topics");
    stop_with(&mut t, Signal::SIGHUP);

    let mut t = Term::spawn(&["browse"], 100, 30);
    t.wait_for("Enter timed round");
    stop_with(&mut t, Signal::SIGINT);

    let mut t = Term::spawn(&["start", "--count", "2", "--seed", "7"], 100, 30);
    t.wait_for("Question 1/2");
    grade_one(&mut t);
    t.wait_for("Question 2/2");
    t.keys("\x1b");
    t.keys("r");
    t.wait_for("Key points");
    stop_with(&mut t, Signal::SIGTERM);
    assert_eq!(attempts(&t), 1, "the answer graded before the signal is kept");

    let mut t = Term::spawn(&["start", "--count", "2", "--seed", "7"], 100, 30);
    t.wait_for("Question 1/2");
    grade_one(&mut t);
    t.wait_for("Question 2/2");
    grade_one(&mut t);
    t.wait_for("round complete");
    stop_with(&mut t, Signal::SIGINT);
    assert_eq!(attempts(&t), 2);

    // Nothing can restore a terminal after SIGKILL, but the answer is kept.
    let mut t = Term::spawn(&["start", "--count", "2", "--seed", "7"], 100, 30);
    t.wait_for("Question 1/2");
    grade_one(&mut t);
    t.wait_for("Question 2/2");
    t.session.get_process_mut().signal(Signal::SIGKILL).unwrap();
    let status = t.wait_exit();
    assert!(matches!(status, WaitStatus::Signaled(_, Signal::SIGKILL, _)), "{status:?}");
    assert_eq!(attempts(&t), 1);
}

#[test]
fn term_dumb_gets_plain_mode_even_on_a_terminal() {
    let mut t = Term::spawn_as(&["start", "--count", "1", "--seed", "3", "--topic", "caching"], 80, 24, "dumb");
    t.wait_for("drill · 1 question · seed 3");
    assert!(!t.parser.screen().alternate_screen(), "no full-screen interface on a dumb terminal");
    t.keys("jitter the expiry\r");
    t.keys("\r");
    t.wait_for("Which key points did you cover?");
    t.keys("all\r");
    t.wait_for("Covered 3 of 3 key points");
    let status = t.wait_exit();
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}\n{}", t.screen());
    assert_eq!(attempts(&t), 1);
}

/// Closing the terminal window: the pty's master goes away under a running
/// drill. It must notice and exit (as for `SIGHUP`), not spin on a dead
/// terminal. No controlling terminal here, so no `SIGHUP` arrives: only the
/// hang-up itself can end it.
#[test]
fn a_closed_terminal_window_ends_drill() {
    use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
    use std::io::Read;
    use std::process::Stdio;

    let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC).unwrap();
    grantpt(&master).unwrap();
    unlockpt(&master).unwrap();
    let name = ptsname(&master, Vec::new()).unwrap();
    rustix::termios::tcsetwinsize(
        &master,
        rustix::termios::Winsize { ws_row: 30, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0 },
    )
    .unwrap();
    let slave = std::fs::OpenOptions::new().read(true).write(true).open(name.to_str().unwrap()).unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_drill"))
        .args(["--no-builtin", "--bank", "tests/fixtures/good", "--data-dir"])
        .arg(data.path())
        .arg("browse")
        .env("TERM", "xterm-256color")
        .stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave))
        .spawn()
        .unwrap();
    // Read the screen until the browser is drawn, then close the window.
    let mut screen = std::fs::File::from(master);
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    while !String::from_utf8_lossy(&seen).contains("Enter timed round") {
        let n = screen.read(&mut buf).unwrap();
        assert!(n > 0, "the pty closed before the browser was drawn");
        seen.extend_from_slice(&buf[..n]);
    }
    drop(screen);
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("drill kept running after its terminal was closed");
        }
        sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(129), "a hang-up exits as SIGHUP does: {status:?}");
}

/// SIGQUIT, SIGUSR1 and SIGALRM left the alternate screen on and the
/// cursor hidden; they restore the terminal like SIGTERM does.
#[test]
fn other_ending_signals_restore_the_terminal_too() {
    for signal in [Signal::SIGQUIT, Signal::SIGUSR1, Signal::SIGALRM] {
        let mut t = Term::spawn(&["start", "--count", "1", "--seed", "1"], 80, 24);
        t.wait_for("Question 1/1");
        stop_with(&mut t, signal);
    }
}

/// Ctrl-z (or `kill -TSTP`) left the shell drawn over the interface with
/// the cursor hidden, and after `fg` keys echoed over it: now the terminal
/// is put back before stopping, and taken again, redrawn, on resume.
#[test]
fn suspend_and_resume_hand_the_terminal_back_and_forth() {
    let mut t = Term::spawn(&["start", "--count", "1", "--seed", "1"], 80, 24);
    t.wait_for("Question 1/1");
    t.keys("half an answer");
    t.wait_for("half an answer");
    t.keys("\x1a"); // Ctrl-z, typed while the editor has focus
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        t.pump();
        if !t.parser.screen().alternate_screen() && t.session.get_process().get_echo().unwrap() {
            break;
        }
        assert!(Instant::now() < deadline, "the terminal was not handed back:\n{}", t.screen());
        sleep(Duration::from_millis(25));
    }
    assert!(!t.parser.screen().hide_cursor(), "the cursor is shown while suspended");
    t.session.get_process_mut().signal(Signal::SIGCONT).unwrap();
    t.wait_for("half an answer");
    assert!(t.parser.screen().alternate_screen(), "the interface is back");
    assert!(!t.session.get_process().get_echo().unwrap(), "raw mode again");
    t.keys(" and more");
    t.wait_for("half an answer and more");
    stop_with(&mut t, Signal::SIGTERM);
}

/// Behind the "terminal too small" notice, Enter graded a question the
/// user could not see; now only quitting, help and suspending act there.
#[test]
fn keys_do_nothing_behind_the_too_small_notice() {
    let mut t = Term::spawn(&["start", "--count", "2", "--seed", "1"], 40, 10);
    t.wait_for("Terminal too small");
    for keys in ["\x1b", "r", " ", "\r", "s"] {
        t.keys(keys);
    }
    t.session.get_process_mut().set_window_size(100, 30).unwrap();
    t.session.get_process_mut().signal(Signal::SIGWINCH).unwrap();
    t.parser.screen_mut().set_size(nz(30), nz(100));
    t.wait_for("Question 1/2");
    t.wait_for("left");
    assert!(!t.screen().contains("Key points"), "nothing was revealed or graded:\n{}", t.screen());
    assert_eq!(attempts(&t), 0);
    stop_with(&mut t, Signal::SIGTERM);
}
