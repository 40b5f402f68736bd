//! End-to-end harness: the real app binary, driven in WebKit through tauri-driver.
//!
//! Each [`App`] starts its own tauri-driver on free ports with the app's data folder in
//! its environment. Dropping it (also when a test panics) ends the session and stops
//! tauri-driver with SIGTERM, so WebKitWebDriver is never left holding a port.

#![allow(dead_code)]

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

/// How long a read waits for its condition before failing. Generous: a restore derives the key
/// several times, and on a loaded two-core machine that once took longer than 15 seconds. A
/// wait ends as soon as the condition holds, so this only delays a real failure.
const SCREEN_WAIT: Duration = Duration::from_secs(60);

pub const PASSPHRASE: &str = "correct horse battery";

/// One app at a time: two WebKit windows on two cores only make each other flaky.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

pub fn serial() -> MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn tauri_driver_path() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return p.into();
    }
    let home_bin = PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo/bin/tauri-driver");
    if home_bin.exists() {
        home_bin
    } else {
        "tauri-driver".into()
    }
}

struct Driver {
    process: Child,
}

impl Driver {
    fn start(data_dir: &Path, extra_env: &[(&str, &str)]) -> (Driver, u16) {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "end-to-end tests need a display: run them under xvfb-run (make test does)"
        );
        let port = free_port();
        let native_port = free_port();
        let mut cmd = Command::new(tauri_driver_path());
        cmd.args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env("NTK_DATA_DIR", data_dir)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let process = cmd.spawn().expect("tauri-driver could not start (make test installs it)");
        let driver = Driver { process };
        // tauri-driver listens first and starts WebKitWebDriver behind it: wait for both.
        let deadline = Instant::now() + Duration::from_secs(30);
        for p in [port, native_port] {
            while TcpStream::connect(("127.0.0.1", p)).is_err() {
                assert!(Instant::now() < deadline, "tauri-driver / WebKitWebDriver did not listen on port {p}");
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        (driver, port)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // SIGTERM lets tauri-driver stop WebKitWebDriver too; SIGKILL would orphan it.
        let _ = Command::new("kill").args(["-TERM", &self.process.id().to_string()]).status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.process.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

pub struct App {
    pub client: Client,
    pub data_dir: PathBuf,
    driver: Option<Driver>,
}

/// The app under test: this build, or another binary (e.g. the release build) named by
/// `NTK_APP_BINARY`.
pub fn app_binary() -> String {
    std::env::var("NTK_APP_BINARY").unwrap_or_else(|_| env!("CARGO_BIN_EXE_neglect-toolkit").to_string())
}

impl App {
    /// Starts the real app on `data_dir` and waits for its first screen.
    pub async fn launch(data_dir: &Path) -> App {
        Self::launch_with_env(data_dir, &[]).await
    }

    pub async fn launch_with_env(data_dir: &Path, extra_env: &[(&str, &str)]) -> App {
        Self::launch_binary(&app_binary(), data_dir, extra_env, "main, #app > *").await
    }

    /// Starts `binary` (the app, or another Tauri program such as the measured floor) through
    /// tauri-driver and waits until an element matches `ready`.
    pub async fn launch_binary(binary: &str, data_dir: &Path, extra_env: &[(&str, &str)], ready: &str) -> App {
        let (driver, port) = Driver::start(data_dir, extra_env);
        let caps = json!({ "tauri:options": { "application": binary } });
        let mut builder = ClientBuilder::new(HttpConnector::new());
        builder.capabilities(caps.as_object().unwrap().clone());
        // On a loaded machine the first request can reach the driver before it is ready to
        // answer; a session that fails to start is retried, a test that fails later is not.
        let mut attempt = 0;
        let client = loop {
            attempt += 1;
            let url = format!("http://127.0.0.1:{port}");
            let connect = builder.connect(&url);
            match tokio::time::timeout(Duration::from_secs(60), connect)
                .await
                .unwrap_or_else(|_| panic!("the app did not open a WebDriver session within 60 s"))
            {
                Ok(client) => break client,
                Err(e) if attempt < 4 => {
                    eprintln!("WebDriver session attempt {attempt} failed ({e}); retrying");
                    tokio::time::sleep(Duration::from_millis(500 * attempt)).await;
                }
                Err(e) => panic!("no WebDriver session with the app after {attempt} attempts: {e}"),
            }
        };
        let app = App { client, data_dir: data_dir.to_path_buf(), driver: Some(driver) };
        app.wait_for(ready).await;
        app
    }

    /// Ends the session (closing the app) and stops tauri-driver, then waits until the app
    /// has let go of its data folder, so the next launch on it is not handed over to it.
    pub async fn quit(mut self) {
        let client = self.client.clone();
        let _ = client.close().await;
        self.driver.take();
        let started = Instant::now();
        let mut asked = false;
        while folder_is_locked(&self.data_dir) {
            // On a heavily loaded machine WebKitWebDriver has been seen to end the session
            // without ending the app; after 10 s it is asked to stop, as a person closing it would.
            if !asked && started.elapsed() > Duration::from_secs(10) {
                for pid in app_pids_on(&self.data_dir) {
                    let _ = Command::new("kill").args(["-TERM", &pid.to_string()]).status();
                }
                asked = true;
            }
            assert!(started.elapsed() < Duration::from_secs(30), "the app on {} did not exit", self.data_dir.display());
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn wait_for(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(SCREEN_WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element matched {css:?}: {e}"))
    }

    /// Waits until the element's text contains `text`, and returns the whole text.
    pub async fn wait_for_text(&self, css: &str, text: &str) -> String {
        let deadline = Instant::now() + SCREEN_WAIT;
        let mut last = String::new();
        while Instant::now() < deadline {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                last = el.text().await.unwrap_or_default();
                if last.contains(text) {
                    return last;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        // What the screen showed instead (an error, another screen) is what a failure needs to
        // be diagnosed from a CI log.
        let page = self
            .client
            .execute("return document.body ? document.body.innerText.slice(0, 2000) : '';", vec![])
            .await
            .map(|v| v.as_str().unwrap_or_default().to_string())
            .unwrap_or_default();
        panic!("{css:?} never contained {text:?}; last text was {last:?}; the page showed:\n{page}");
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        let el = self.wait_for(css).await;
        el.clear().await.unwrap();
        el.send_keys(text).await.unwrap();
    }

    /// Clicks the element once it has stopped moving. Sections of a page fill in from the core one
    /// by one, each pushing what is below it down; a click aimed at where a button was a moment
    /// ago lands beside it and is lost without any error.
    pub async fn click(&self, css: &str) {
        let element = self.wait_for(css).await;
        self.wait_until_still(css).await;
        element.click().await.unwrap_or_else(|e| panic!("could not click {css:?}: {e}"));
    }

    /// Waits until the element, scrolled into view, has kept the same place and size for
    /// `STILL_POLLS` polls in a row.
    async fn wait_until_still(&self, css: &str) {
        const STILL_POLLS: usize = 4;
        let deadline = Instant::now() + SCREEN_WAIT;
        let (mut last, mut still) = (serde_json::Value::Null, 0);
        while still < STILL_POLLS {
            let place = self
                .client
                .execute(
                    "const el = document.querySelector(arguments[0]); if (!el) return null;
                     el.scrollIntoView({block: 'center'}); const r = el.getBoundingClientRect();
                     return [r.x, r.y, r.width, r.height];",
                    vec![json!(css)],
                )
                .await
                .unwrap_or(serde_json::Value::Null);
            still = if !place.is_null() && place == last { still + 1 } else { 0 };
            last = place;
            assert!(Instant::now() < deadline, "{css:?} never stopped moving");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Sets a date input to "YYYY-MM-DD" the way the page would see a typed date.
    pub async fn set_date(&self, css: &str, iso: &str) {
        self.wait_for(css).await;
        self.client
            .execute(
                "const el = document.querySelector(arguments[0]); el.focus(); el.value = arguments[1];
                 el.dispatchEvent(new Event('input', { bubbles: true }));",
                vec![json!(css), json!(iso)],
            )
            .await
            .unwrap();
    }

    /// Unlocks (or, on a new data folder, sets up) the app with [`PASSPHRASE`].
    pub async fn unlock(&self) {
        self.type_into("#passphrase", PASSPHRASE).await;
        if self.client.find(Locator::Css("#passphrase-confirm")).await.is_ok() {
            self.type_into("#passphrase-confirm", PASSPHRASE).await;
        }
        self.click("form button[type=submit]").await;
        self.wait_for_text("h1", "Children").await;
    }

    /// The texts of every element matching `css`, once at least one matches (a screen drawn
    /// after its data arrives is read when it is there, not when the harness gets to it).
    pub async fn texts(&self, css: &str) -> Vec<String> {
        self.wait_for(css).await;
        self.texts_now(css).await
    }

    /// Asserts that nothing matches `css`. Use it only once the screen has shown what it was
    /// waiting for (an alert, a status line), so "nothing" means the screen is done.
    pub async fn assert_absent(&self, css: &str, why: &str) {
        let found = self.texts_now(css).await;
        assert!(found.is_empty(), "{why}: {css:?} matched {found:?}");
    }

    async fn texts_now(&self, css: &str) -> Vec<String> {
        let mut out = Vec::new();
        for el in self.client.find_all(Locator::Css(css)).await.unwrap() {
            out.push(el.text().await.unwrap());
        }
        out
    }

    /// Saves a PNG of the window to `target/screenshots/NAME.png`, for people to look at.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, self.client.screenshot().await.unwrap()).unwrap();
        path
    }
}

impl Drop for App {
    fn drop(&mut self) {
        // On a panic the session may still be open: closing tauri-driver ends the app with it.
        self.driver.take();
    }
}

/// Processes of the app binary running on `data_dir` (found through /proc).
fn app_pids_on(data_dir: &Path) -> Vec<u32> {
    let binary = std::fs::canonicalize(app_binary()).unwrap_or_else(|_| app_binary().into());
    let wanted = format!("NTK_DATA_DIR={}", data_dir.display());
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == binary))
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/environ"))
                .is_ok_and(|env| env.split(|b| *b == 0).any(|var| var == wanted.as_bytes()))
        })
        .collect()
}

/// Whether an app holds the data folder's lock (the file lock that keeps one app per folder).
pub fn folder_is_locked(data_dir: &Path) -> bool {
    let Ok(file) = std::fs::File::open(data_dir.join("neglect-toolkit.lock")) else { return false };
    matches!(file.try_lock_shared(), Err(std::fs::TryLockError::WouldBlock))
}

/// A fresh data folder that is removed at the end of the test.
pub fn data_dir() -> tempfile::TempDir {
    tempfile::Builder::new().prefix("ntk-e2e-").tempdir().unwrap()
}
