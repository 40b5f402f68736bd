//! What the About screen shows: the app's version, the checklist content it ships (version and
//! hash, the hash every checklist stores), where the records are, and the licences, the fonts
//! embedded in every PDF included.

use serde::Serialize;
use ts_rs::TS;

use crate::checklist::Checklist;

/// One licence the app is given under, or carries for something it embeds.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
pub struct Licence {
    /// What it covers: "Neglect Toolkit", "DejaVu fonts (in every PDF)".
    pub covers: String,
    pub name: String,
    /// The licence's full text, as shipped.
    pub text: String,
}

#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
pub struct About {
    pub app_version: String,
    pub content_title: String,
    pub content_version: String,
    /// SHA-256 of the checklist content in canonical form.
    pub content_hash: String,
    pub data_dir: String,
    pub licences: Vec<Licence>,
}

impl About {
    /// About this build, with the records in `data_dir`.
    pub fn new(data_dir: &std::path::Path) -> About {
        let content = Checklist::shipped();
        About {
            app_version: env!("CARGO_PKG_VERSION").to_string(),
            content_title: content.title,
            content_version: content.version,
            content_hash: content.hash,
            data_dir: data_dir.display().to_string(),
            licences: vec![
                Licence {
                    covers: "Neglect Toolkit, and the Childcare and Development Checklist (our own words)".into(),
                    name: "MIT".into(),
                    text: include_str!("../LICENSE").into(),
                },
                Licence {
                    covers: "DejaVu Sans fonts, embedded in every PDF".into(),
                    name: "Bitstream Vera and DejaVu font licence (free to use, embed and redistribute)".into(),
                    text: include_str!("report/fonts/LICENSE").into(),
                },
                Licence {
                    covers: "The libraries the app is built with (Rust crates, npm packages, SQLCipher, WebKitGTK)".into(),
                    name: "Each under its own licence (MIT, Apache-2.0, BSD, LGPL)".into(),
                    text: "Each library's licence is in its own package: `cargo tree` and `ui/package-lock.json` list them.".into(),
                },
            ],
        }
    }
}
