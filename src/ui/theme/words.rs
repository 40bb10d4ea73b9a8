//! A style written as words in the config: colours (the 16 ANSI names or
//! `#rrggbb`), `on <colour>` for the background, and modifiers:
//! `"black on yellow bold"`, `"reverse bold"`, `"plain"`.

use ratatui::style::{Color, Modifier, Style};

pub fn parse_style(text: &str) -> Result<Style, String> {
    let mut style = Style::default();
    let mut words = text.split_whitespace().peekable();
    if words.peek().is_none() {
        return Err("empty (write `plain` for no style)".into());
    }
    while let Some(word) = words.next() {
        let lower = word.to_ascii_lowercase();
        if lower == "on" {
            let c = words
                .next()
                .ok_or("`on` needs a background colour after it")?;
            style = style.bg(color(c)?);
            continue;
        }
        if let Some(m) = modifier(&lower) {
            style = style.add_modifier(m);
        } else if lower == "plain" {
            style = Style::default();
        } else {
            style = style.fg(color(word)?);
        }
    }
    Ok(style)
}

fn modifier(word: &str) -> Option<Modifier> {
    Some(match word {
        "bold" => Modifier::BOLD,
        "dim" => Modifier::DIM,
        "italic" => Modifier::ITALIC,
        "underline" | "underlined" => Modifier::UNDERLINED,
        "reverse" | "reversed" => Modifier::REVERSED,
        "strike" | "crossed" => Modifier::CROSSED_OUT,
        _ => return None,
    })
}

fn color(word: &str) -> Result<Color, String> {
    let lower = word.to_ascii_lowercase().replace(['-', '_'], "");
    Ok(match lower.as_str() {
        "default" | "reset" => Color::Reset,
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "darkgray" | "darkgrey" => Color::DarkGray,
        "lightred" => Color::LightRed,
        "lightgreen" => Color::LightGreen,
        "lightyellow" => Color::LightYellow,
        "lightblue" => Color::LightBlue,
        "lightmagenta" => Color::LightMagenta,
        "lightcyan" => Color::LightCyan,
        "white" => Color::White,
        hex if hex.starts_with('#') && hex.len() == 7 => {
            let n = u32::from_str_radix(&hex[1..], 16)
                .map_err(|_| format!("`{word}` is not a #rrggbb colour"))?;
            Color::Rgb((n >> 16) as u8, (n >> 8) as u8, n as u8)
        }
        _ => {
            return Err(format!(
                "`{word}` is neither a colour (red, light-blue, #ff8800, …) nor bold, dim, italic, underline, reverse, strike, plain"
            ))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_make_a_style() {
        assert_eq!(
            parse_style("black on light-yellow bold").unwrap(),
            Style::default()
                .fg(Color::Black)
                .bg(Color::LightYellow)
                .add_modifier(Modifier::BOLD)
        );
        assert_eq!(
            parse_style("#ff8800 underline").unwrap(),
            Style::default()
                .fg(Color::Rgb(255, 136, 0))
                .add_modifier(Modifier::UNDERLINED)
        );
        assert_eq!(parse_style("plain").unwrap(), Style::default());
    }

    #[test]
    fn bad_words_say_why() {
        for bad in ["", "purple", "on", "#12345", "#gggggg bold"] {
            assert!(parse_style(bad).is_err(), "{bad:?}");
        }
    }
}
