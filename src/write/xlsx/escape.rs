//! XML escaping for SpreadsheetML: what Excel opens without a repair prompt and what readers
//! (Excel, LibreOffice, calamine) decode back to the same text.

/// Appends `text` as XML character data: `&`, `<`, `>` as entities; the control characters that
/// XML 1.0 forbids (and `\r`, which parsers would turn into `\n`) as Excel's `_xHHHH_` escapes;
/// a literal `_xHHHH_` in the text protected as `_x005F_xHHHH_` so that readers do not decode it.
pub(crate) fn push_text(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    // Bytes, not chars: every byte that may need an escape is ASCII or starts U+FFFE/U+FFFF
    // (EF BF BE, EF BF BF), and ASCII bytes never occur inside a multi-byte character, so the
    // text between them is copied whole (the hot path: most cells need no escape at all).
    while let Some(&b) = bytes.get(i) {
        let width = match b {
            b'\t' | b'\n' => 0,
            b'&' | b'<' | b'>' | 0..=0x1f => 1,
            b'_' if looks_escaped(bytes.get(i..).unwrap_or_default()) => 1,
            0xef if matches!(bytes.get(i + 1..i + 3), Some([0xbf, 0xbe | 0xbf])) => 3,
            _ => 0,
        };
        if width == 0 {
            i += 1;
            continue;
        }
        out.push_str(text.get(start..i).unwrap_or_default());
        match b {
            b'&' => out.push_str("&amp;"),
            b'<' => out.push_str("&lt;"),
            b'>' => out.push_str("&gt;"),
            b'_' => out.push_str("_x005F_"),
            _ => {
                let c = text.get(i..i + width).and_then(|s| s.chars().next());
                push_hex_escape(out, c.unwrap_or(char::REPLACEMENT_CHARACTER));
            }
        }
        i += width;
        start = i;
    }
    out.push_str(text.get(start..).unwrap_or_default());
}

/// Appends `text` as the value of a double-quoted XML attribute. Characters XML forbids are
/// left out (an attribute has no `_xHHHH_` decoding); white space other than a plain space is
/// written as a character reference, which attribute normalisation would otherwise turn into a
/// space.
pub(crate) fn push_attr(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#xA;"),
            '\t' => out.push_str("&#x9;"),
            '\r' => out.push_str("&#xD;"),
            c if forbidden(c) => {}
            c => out.push(c),
        }
    }
}

/// Whether a `<t>` element holding `text` needs `xml:space="preserve"`: XML readers may drop
/// leading and trailing white space otherwise.
pub(crate) fn needs_preserve(text: &str) -> bool {
    text.starts_with(char::is_whitespace) || text.ends_with(char::is_whitespace)
}

/// A character XML 1.0 does not allow in a document (or `\r`, which it would not keep).
fn forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// `_xHHHH_` for a character below U+10000 (all that [`forbidden`] accepts).
fn push_hex_escape(out: &mut String, c: char) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let code = u32::from(c);
    out.push_str("_x");
    for shift in [12u32, 8, 4, 0] {
        let digit = usize::try_from((code >> shift) & 0xF).unwrap_or(0);
        out.push(char::from(HEX.get(digit).copied().unwrap_or(b'0')));
    }
    out.push('_');
}

/// Whether `bytes` starts with `_xHHHH_`, which readers would decode as an escaped character.
fn looks_escaped(bytes: &[u8]) -> bool {
    bytes.len() >= 7
        && bytes.get(..2) == Some(b"_x")
        && bytes
            .get(2..6)
            .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
        && bytes.get(6) == Some(&b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        let mut out = String::new();
        push_text(&mut out, s);
        out
    }

    fn attr(s: &str) -> String {
        let mut out = String::new();
        push_attr(&mut out, s);
        out
    }

    #[test]
    fn markup_is_escaped_in_text() {
        assert_eq!(
            text("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(text("a]]>b & c"), "a]]&gt;b &amp; c");
        assert_eq!(text("l'\"annuaire\""), "l'\"annuaire\"");
        assert_eq!(text("Hélène — 😀"), "Hélène — 😀");
    }

    #[test]
    fn control_characters_become_excel_escapes() {
        assert_eq!(text("a\u{0}b\u{b}c\u{1f}"), "a_x0000_b_x000B_c_x001F_");
        assert_eq!(text("a\r\nb\tc"), "a_x000D_\nb\tc");
        assert_eq!(text("\u{fffe}\u{ffff}"), "_xFFFE__xFFFF_");
    }

    #[test]
    fn a_literal_escape_sequence_is_protected() {
        assert_eq!(text("_x0041_"), "_x005F_x0041_");
        assert_eq!(text("a_x00_b _x12G4_"), "a_x00_b _x12G4_");
        assert_eq!(text("snake_case_x"), "snake_case_x");
    }

    #[test]
    fn attributes_escape_quotes_and_drop_what_xml_forbids() {
        assert_eq!(attr(r#"a"b<c>&d"#), "a&quot;b&lt;c&gt;&amp;d");
        assert_eq!(attr("a\nb\u{1}c"), "a&#xA;bc");
    }

    #[test]
    fn surrounding_space_is_preserved() {
        assert!(needs_preserve(" a"));
        assert!(needs_preserve("a\n"));
        assert!(!needs_preserve("a b"));
        assert!(!needs_preserve(""));
    }

    /// What an xlsx reader does with character data: entities, then `_xHHHH_` escapes.
    fn decode(xml: &str) -> String {
        let xml = xml
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        let mut out = String::new();
        let mut rest = xml.as_str();
        while let Some(at) = rest.find("_x") {
            out.push_str(&rest[..at]);
            let tail = &rest[at..];
            let code = tail
                .get(2..6)
                .filter(|_| tail.as_bytes().get(6) == Some(&b'_'))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .and_then(char::from_u32);
            match code {
                Some(c) => {
                    out.push(c);
                    rest = &tail[7..];
                }
                None => {
                    out.push_str("_x");
                    rest = &tail[2..];
                }
            }
        }
        out.push_str(rest);
        out
    }

    proptest::proptest! {
        #[test]
        fn any_text_comes_back_whole_from_valid_xml(
            s in "(\\PC|[\u{0}-\u{1f}<>&_x0-9A-F\u{fffe}\u{ffff}]){0,40}"
        ) {
            let xml = text(&s);
            proptest::prop_assert!(!xml.chars().any(forbidden), "{xml:?}");
            proptest::prop_assert!(!xml.contains('<') && !xml.contains('>'));
            proptest::prop_assert_eq!(decode(&xml), s);
        }
    }
}
