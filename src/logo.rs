//! The organisation's logo: chosen in Settings, printed at the head of both summaries.
//!
//! A file is taken as a logo only when its *content* is a PNG or a JPEG that decodes in full:
//! its name is not trusted (a renamed document is refused), and a damaged picture is refused
//! when it is chosen rather than failing later, when a summary is printed for a meeting.

use std::io::Cursor;
use std::path::Path;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::Serialize;
use ts_rs::TS;
use zune_jpeg::zune_core::bytestream::ZCursor;
use zune_jpeg::zune_core::colorspace::ColorSpace;
use zune_jpeg::zune_core::options::DecoderOptions;
use zune_jpeg::JpegDecoder;

use crate::error::{CoreError, Result};
use crate::paths::{read_chosen_file, ChosenFile};

/// The largest logo file accepted. A logo is printed a few centimetres wide; a bigger file is
/// a photograph or an uncompressed scan, and would swell every PDF it is printed in.
pub const MAX_LOGO_BYTES: usize = 512 * 1024;

/// The most pixels a logo may have on either side: about 8 cm at 300 dots per inch, far more
/// than the 4 cm wide header needs.
pub const MAX_LOGO_SIDE: u32 = 1000;

/// The form field errors are reported against.
const FIELD: &str = "logo";

/// Ends every refusal: a refused file changes nothing.
const KEPT: &str = "The logo you had is kept.";

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
const JPEG_SIGNATURE: &[u8] = b"\xff\xd8\xff";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoFormat {
    Png,
    Jpeg,
}

impl LogoFormat {
    /// The format the bytes *are*, by their signature, whatever the file was called.
    fn of(bytes: &[u8]) -> Option<LogoFormat> {
        if bytes.starts_with(PNG_SIGNATURE) {
            Some(LogoFormat::Png)
        } else if bytes.starts_with(JPEG_SIGNATURE) {
            Some(LogoFormat::Jpeg)
        } else {
            None
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            LogoFormat::Png => "PNG",
            LogoFormat::Jpeg => "JPEG",
        }
    }

    fn media_type(self) -> &'static str {
        match self {
            LogoFormat::Png => "image/png",
            LogoFormat::Jpeg => "image/jpeg",
        }
    }
}

/// How the colour of each decoded pixel is stored, one byte a channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channels {
    Grey,
    GreyAlpha,
    Rgb,
    Rgba,
}

/// A logo's decoded pixels, row by row from the top, 8 bits a channel.
#[derive(Debug, Clone)]
pub struct Pixels {
    pub width: u32,
    pub height: u32,
    pub channels: Channels,
    pub data: Vec<u8>,
}

/// A checked logo: the file as chosen (so it is printed as the organisation made it), with
/// its format and size read from its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    bytes: Vec<u8>,
    format: LogoFormat,
    width: u32,
    height: u32,
}

/// What Settings shows of the logo: a preview and its size in words.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
pub struct LogoView {
    /// A `data:` URL of the file, for the preview (the app's content policy allows `data:`
    /// images and nothing from outside).
    pub data_url: String,
    pub width: u32,
    pub height: u32,
    /// "PNG, 360 × 120 pixels, 5 KB".
    pub description: String,
}

impl Logo {
    /// Checks a chosen file: a PNG or JPEG by content, at most [`MAX_LOGO_BYTES`] and
    /// [`MAX_LOGO_SIDE`] pixels a side, that decodes in full.
    pub fn check(bytes: Vec<u8>) -> Result<Logo> {
        if bytes.len() > MAX_LOGO_BYTES {
            return Err(too_large(bytes.len() as u64));
        }
        let Some(format) = LogoFormat::of(&bytes) else {
            return Err(CoreError::invalid(
                FIELD,
                format!(
                    "This file is not a PNG or JPEG picture, whatever its name says, so it cannot be the logo. {KEPT}"
                ),
            ));
        };
        let pixels = decode(&bytes, format)?;
        Ok(Logo { format, width: pixels.width, height: pixels.height, bytes })
    }

    /// Reads and checks the file a person chose, reading at most one byte past the limit.
    pub fn read(path: &Path) -> Result<Logo> {
        match read_chosen_file(path, MAX_LOGO_BYTES)? {
            ChosenFile::Bytes(bytes) => Logo::check(bytes),
            ChosenFile::TooLarge => Err(too_large(std::fs::metadata(path).map_or(0, |m| m.len()))),
            ChosenFile::NotOrdinary => Err(CoreError::invalid(
                FIELD,
                format!(
                    "{} is not an ordinary file (it is a folder, a device or a pipe), so it cannot be the logo. {KEPT}",
                    path.display()
                ),
            )),
        }
    }

    /// A logo kept in the settings table (base64), checked again: the database may come from
    /// an older or a restored backup.
    pub fn from_stored(text: &str) -> Result<Logo> {
        let bytes = STANDARD
            .decode(text.trim())
            .map_err(|_| CoreError::invalid(FIELD, "The logo kept in Settings is damaged: choose it again."))?;
        Logo::check(bytes)
    }

    /// The form kept in the settings table.
    pub fn stored(&self) -> String {
        STANDARD.encode(&self.bytes)
    }

    pub fn format(&self) -> LogoFormat {
        self.format
    }

    /// Width and height in pixels.
    pub fn size(&self) -> (u32, u32) {
        (self.width, self.height)
    }

    /// "PNG, 360 × 120 pixels, 5 KB": for Settings and the audit log.
    pub fn description(&self) -> String {
        format!(
            "{}, {} × {} pixels, {}",
            self.format.name(),
            self.width,
            self.height,
            kilobytes(self.bytes.len() as u64)
        )
    }

    pub fn view(&self) -> LogoView {
        LogoView {
            data_url: format!("data:{};base64,{}", self.format.media_type(), self.stored()),
            width: self.width,
            height: self.height,
            description: self.description(),
        }
    }

    /// The decoded pixels, for the PDF. The bytes were decoded when the logo was checked, so
    /// this cannot fail for a [`Logo`]; the `Result` is kept rather than a panic all the same.
    pub fn pixels(&self) -> Result<Pixels> {
        decode(&self.bytes, self.format)
    }
}

/// "5 KB", "512 KB": sizes as a file manager shows them (1 KB = 1024 bytes).
fn kilobytes(bytes: u64) -> String {
    format!("{} KB", bytes.div_ceil(1024))
}

fn too_large(bytes: u64) -> CoreError {
    CoreError::invalid(
        FIELD,
        format!(
            "This picture is {}; a logo can be at most {}. Save it smaller (for example as a PNG at most \
             {MAX_LOGO_SIDE} pixels wide) and choose it again. {KEPT}",
            kilobytes(bytes),
            kilobytes(MAX_LOGO_BYTES as u64)
        ),
    )
}

fn damaged(format: LogoFormat) -> CoreError {
    CoreError::invalid(
        FIELD,
        format!(
            "This file starts like a {} picture but cannot be read as one (it may be damaged or cut short), so it \
             cannot be the logo. {KEPT}",
            format.name()
        ),
    )
}

fn too_many_pixels(width: u32, height: u32) -> Result<()> {
    if width > MAX_LOGO_SIDE || height > MAX_LOGO_SIDE {
        return Err(CoreError::invalid(
            FIELD,
            format!(
                "This picture is {width} × {height} pixels; a logo can be at most {MAX_LOGO_SIDE} pixels wide and \
                 {MAX_LOGO_SIDE} high. Make it smaller and choose it again. {KEPT}"
            ),
        ));
    }
    Ok(())
}

/// Decodes every pixel, so a file cut short or damaged anywhere is found, after checking its
/// declared size (before the pixels are allocated).
fn decode(bytes: &[u8], format: LogoFormat) -> Result<Pixels> {
    match format {
        LogoFormat::Png => decode_png(bytes),
        LogoFormat::Jpeg => decode_jpeg(bytes),
    }
}

fn decode_png(bytes: &[u8]) -> Result<Pixels> {
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    // Palettes and low bit depths expanded, 16 bits cut to 8: one byte a channel, as the PDF wants.
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(|_| damaged(LogoFormat::Png))?;
    let (width, height) = (reader.info().width, reader.info().height);
    too_many_pixels(width, height)?;
    let channels = match reader.output_color_type().0 {
        png::ColorType::Grayscale => Channels::Grey,
        png::ColorType::GrayscaleAlpha => Channels::GreyAlpha,
        png::ColorType::Rgb => Channels::Rgb,
        png::ColorType::Rgba => Channels::Rgba,
        png::ColorType::Indexed => return Err(damaged(LogoFormat::Png)),
    };
    let size = reader.output_buffer_size().ok_or_else(|| damaged(LogoFormat::Png))?;
    let mut data = vec![0; size];
    let frame = reader.next_frame(&mut data).map_err(|_| damaged(LogoFormat::Png))?;
    data.truncate(frame.buffer_size());
    Ok(Pixels { width, height, channels, data })
}

fn decode_jpeg(bytes: &[u8]) -> Result<Pixels> {
    // Strict: a file cut short is refused, not padded out with grey.
    let options = DecoderOptions::default().jpeg_set_out_colorspace(ColorSpace::RGB).set_strict_mode(true);
    let mut decoder = JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    decoder.decode_headers().map_err(|_| damaged(LogoFormat::Jpeg))?;
    let info = decoder.info().ok_or_else(|| damaged(LogoFormat::Jpeg))?;
    let (width, height) = (u32::from(info.width), u32::from(info.height));
    too_many_pixels(width, height)?;
    let data = decoder.decode().map_err(|_| damaged(LogoFormat::Jpeg))?;
    if data.len() != width as usize * height as usize * 3 {
        return Err(damaged(LogoFormat::Jpeg));
    }
    Ok(Pixels { width, height, channels: Channels::Rgb, data })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = include_bytes!("../tests/fixtures/logos/testshire.png");
    const JPEG: &[u8] = include_bytes!("../tests/fixtures/logos/testshire.jpg");
    /// A real PNG 3000 pixels wide and 40 high (a few hundred bytes: the size check alone passes it).
    const WIDE: &[u8] = include_bytes!("../tests/fixtures/logos/wide.png");

    fn refusal(bytes: Vec<u8>) -> String {
        refused(Logo::check(bytes))
    }

    fn refused(result: Result<Logo>) -> String {
        match result {
            Err(CoreError::Invalid { field, message }) => {
                assert_eq!(field.as_deref(), Some("logo"));
                message
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn a_png_and_a_jpeg_are_read_by_their_content_and_decode_in_full() {
        let png = Logo::check(PNG.to_vec()).unwrap();
        assert_eq!((png.format(), png.size()), (LogoFormat::Png, (360, 120)));
        assert_eq!(png.description(), "PNG, 360 × 120 pixels, 6 KB");
        let pixels = png.pixels().unwrap();
        assert_eq!(pixels.channels, Channels::Rgb);
        assert_eq!(pixels.data.len(), 360 * 120 * 3);
        let jpeg = Logo::check(JPEG.to_vec()).unwrap();
        assert_eq!((jpeg.format(), jpeg.size()), (LogoFormat::Jpeg, (360, 120)));
        assert_eq!(jpeg.pixels().unwrap().data.len(), 360 * 120 * 3);
        assert!(jpeg.view().data_url.starts_with("data:image/jpeg;base64,/9j/"));
        // Kept and read back unchanged.
        assert_eq!(Logo::from_stored(&png.stored()).unwrap(), png);
    }

    #[test]
    fn a_file_that_is_not_a_picture_is_refused_whatever_its_name() {
        let message = refusal(b"%PDF-1.7 a document renamed logo.png".to_vec());
        assert!(message.contains("not a PNG or JPEG picture"), "{message}");
        assert!(message.contains("The logo you had is kept"), "{message}");
        // A GIF is a picture, but not one the summaries print.
        assert!(refusal(b"GIF89a\x01\x00\x01\x00".to_vec()).contains("not a PNG or JPEG"));
        assert!(refusal(Vec::new()).contains("not a PNG or JPEG"));
    }

    #[test]
    fn a_picture_cut_short_or_damaged_is_refused() {
        for (whole, name) in [(PNG, "PNG"), (JPEG, "JPEG")] {
            let message = refusal(whole[..whole.len() / 2].to_vec());
            assert!(message.contains(&format!("starts like a {name} picture but cannot be read")), "{message}");
        }
        let mut scrambled = PNG.to_vec();
        for b in &mut scrambled[200..400] {
            *b ^= 0x5a;
        }
        assert!(refusal(scrambled).contains("cannot be read"));
    }

    #[test]
    fn an_oversized_file_or_picture_is_refused_with_its_size() {
        let mut big = PNG.to_vec();
        big.resize(MAX_LOGO_BYTES + 1, 0);
        let message = refusal(big);
        assert!(message.contains("This picture is 513 KB; a logo can be at most 512 KB"), "{message}");
        let mut just_fits = PNG.to_vec();
        just_fits.resize(MAX_LOGO_BYTES, 0); // trailing bytes after the PNG's end are ignored
        assert!(Logo::check(just_fits).is_ok());
        let message = refusal(WIDE.to_vec());
        assert!(message.contains("3000 × 40 pixels; a logo can be at most 1000 pixels wide"), "{message}");
    }

    #[test]
    fn a_chosen_file_is_read_only_when_ordinary_and_no_further_than_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        assert!(refused(Logo::read(dir.path())).contains("is not an ordinary file"));
        let big = dir.path().join("scan.png");
        std::fs::write(&big, vec![0u8; 2 * 1024 * 1024]).unwrap();
        assert!(refused(Logo::read(&big)).contains("This picture is 2048 KB; a logo can be at most 512 KB"));
        let good = dir.path().join("logo.picture"); // the name is not what is checked
        std::fs::write(&good, JPEG).unwrap();
        assert_eq!(Logo::read(&good).unwrap().format(), LogoFormat::Jpeg);
    }
}
