//! Copying through the terminal: the OSC 52 escape, which the terminal
//! turns into a clipboard write — over SSH too, where no local clipboard
//! tool could reach. Inside tmux the plain escape is what tmux itself
//! takes (with `set-clipboard on`, into its buffer and on to the outer
//! terminal); the same escape wrapped for passthrough also goes straight to
//! the outer terminal where `allow-passthrough` is on. Only the run loop
//! writes these, between frames.

use base64::Engine;
use std::io::Write;

/// The escape that puts `text` on the clipboard.
pub fn osc52(text: &str) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(text);
    format!("\x1b]52;c;{b64}\x07")
}

/// The escape wrapped in tmux's DCS passthrough (inner ESCs doubled).
pub fn tmux_passthrough(seq: &str) -> String {
    format!("\x1bPtmux;{}\x1b\\", seq.replace('\x1b', "\x1b\x1b"))
}

/// Writes the escapes for `text` to `out` (the terminal).
pub fn write(out: &mut impl Write, text: &str, in_tmux: bool) -> std::io::Result<()> {
    let seq = osc52(text);
    out.write_all(seq.as_bytes())?;
    if in_tmux {
        out.write_all(tmux_passthrough(&seq).as_bytes())?;
    }
    out.flush()
}

/// Copies what the app asked for, if anything; a failed write is shown.
pub fn flush(app: &mut crate::app::App, out: &mut impl Write) {
    if let Some(text) = app.copy_request.take() {
        let in_tmux = std::env::var_os("TMUX").is_some_and(|v| !v.is_empty());
        if let Err(e) = write(out, &text, in_tmux) {
            app.error(format!("Copying failed: cannot write to the terminal: {e}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_escape_carries_the_text_base64_encoded() {
        assert_eq!(osc52("CNT-1"), "\x1b]52;c;Q05ULTE=\x07");
        let mut out = Vec::new();
        write(&mut out, "é", true).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.starts_with("\x1b]52;c;w6k=\x07\x1bPtmux;\x1b\x1b]52;c;w6k=\x07\x1b\\"));
    }
}
