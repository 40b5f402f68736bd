//! Startup and footprint figures, printed for the README (run by scripts/measure.sh; ignored
//! in `make test` because figures are measured, never asserted in a timed test).

// The `serial()` guard is held across awaits on purpose: one app under test at a time.
#![allow(clippy::await_holding_lock)]

mod common;

use std::time::{Duration, Instant};

use common::{serial, App};

fn rss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .map(|l| l.split_whitespace().nth(1).unwrap_or("0").parse().unwrap_or(0))
        })
        .unwrap_or(0)
}

/// Pids of the app and the WebKit processes it started (its descendants).
fn app_processes() -> Vec<(u32, String)> {
    let binary = common::app_binary();
    let name = std::path::Path::new(&binary).file_name().unwrap().to_string_lossy().to_string();
    let out = std::process::Command::new("ps").args(["-eo", "pid=,ppid=,comm="]).output().unwrap();
    let rows: Vec<(u32, u32, String)> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let mut parts = l.split_whitespace();
            Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?, parts.next()?.to_string()))
        })
        .collect();
    let mut found: Vec<(u32, String)> =
        rows.iter().filter(|r| name.starts_with(&r.2)).map(|r| (r.0, r.2.clone())).collect();
    let mut i = 0;
    while i < found.len() {
        let parent = found[i].0;
        found.extend(rows.iter().filter(|r| r.1 == parent).map(|r| (r.0, r.2.clone())));
        i += 1;
    }
    found
}

/// An existing records file (the benchmark's) comes with its own passphrase.
async fn unlock(app: &App) {
    match std::env::var("NTK_MEASURE_PASSPHRASE") {
        Ok(passphrase) => {
            app.type_into("#passphrase", &passphrase).await;
            app.click("form button[type=submit]").await;
            app.wait_for_text("h1", "Children").await;
        }
        Err(_) => app.unlock().await,
    }
}

#[tokio::test]
#[ignore = "a measurement, run by scripts/measure.sh"]
async fn startup_and_footprint() {
    let _serial = serial();
    let data = std::env::var("NTK_MEASURE_DATA_DIR").expect("NTK_MEASURE_DATA_DIR: a data folder with demo records");
    let started = Instant::now();
    let app = App::launch(std::path::Path::new(&data)).await;
    app.wait_for("#passphrase").await;
    let to_unlock_screen = started.elapsed();
    let unlock_started = Instant::now();
    unlock(&app).await;
    app.wait_for("table.list tbody tr").await;
    let unlock_to_home = unlock_started.elapsed();
    app.screenshot("measure-home").await;
    let first_child = app.wait_for("table.list tbody tr a").await;
    first_child.click().await.unwrap();
    let history = app.wait_for("a[href$='/history']").await;
    history.click().await.unwrap();
    app.wait_for("svg").await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let processes = app_processes();
    let total: u64 = processes.iter().map(|(pid, _)| rss_kb(*pid)).sum();
    println!("MEASURE launch to unlock screen: {} ms", to_unlock_screen.as_millis());
    println!("MEASURE unlock to home list shown: {} ms", unlock_to_home.as_millis());
    for (pid, name) in &processes {
        println!("MEASURE resident memory {name} (pid {pid}): {} MB", rss_kb(*pid) / 1024);
    }
    println!("MEASURE resident memory, app and web processes: {} MB", total / 1024);
    app.quit().await;
}

/// While a long task holds the records (the partnership dataset over every child) and the
/// person goes on typing, the window must go on drawing: the slowest frame until it finishes.
#[tokio::test]
#[ignore = "a measurement, run by scripts/measure.sh"]
async fn the_window_answers_during_a_long_task() {
    let _serial = serial();
    let data = std::env::var("NTK_MEASURE_DATA_DIR").expect("NTK_MEASURE_DATA_DIR: a data folder with demo records");
    let files = common::data_dir();
    let app =
        App::launch_with_env(std::path::Path::new(&data), &[("NTK_E2E_FILE_DIR", files.path().to_str().unwrap())])
            .await;
    app.wait_for("#passphrase").await;
    unlock(&app).await;
    app.client.execute("window.location.hash = '#/settings';", vec![]).await.unwrap();
    app.wait_for("#dataset-save").await;
    app.set_date("#dataset-from", "2000-01-01").await;
    app.set_date("#dataset-to", &chrono::Local::now().date_naive().to_string()).await;
    let started = Instant::now();
    app.click("#dataset-save").await;
    let frame = "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => done(true));";
    let mut worst = Duration::ZERO;
    loop {
        // The person goes on using the keyboard (a Shift press), which the UI reports as
        // activity: that report is itself a command that needs the records.
        if let Ok(el) = app.client.active_element().await {
            el.send_keys("\u{E008}").await.ok();
        }
        let asked = Instant::now();
        app.client.execute_async(frame, vec![]).await.expect("the page did not paint");
        worst = worst.max(asked.elapsed());
        let status = app.texts("#dataset-status").await.join(" ");
        if status.contains("Saved to") {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(300), "the dataset did not finish: {status}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    println!("MEASURE partnership dataset, every child: {} ms", started.elapsed().as_millis());
    println!("MEASURE slowest frame while it ran: {} ms", worst.as_millis());
    app.quit().await;
}
