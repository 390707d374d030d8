//! Bytes one copy of the module hands another: the page's workers share no memory, so what
//! one hands another (its files, its rows of the merged directory) goes as bytes. The format
//! is ours only, between copies of the same build: fixed-width little-endian numbers, texts
//! as a length then UTF-8. Reading is total: bytes that are not what was written are an
//! error, never a panic.

use std::sync::Arc;

/// The bytes are not what the other copy wrote (a bug, never the user's data).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct WireError;

/// Writes values one after the other.
#[derive(Default)]
pub(crate) struct Writer(pub Vec<u8>);

impl Writer {
    pub(crate) fn u8(&mut self, n: u8) {
        self.0.push(n);
    }

    pub(crate) fn u32(&mut self, n: u32) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }

    pub(crate) fn u64(&mut self, n: u64) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }

    /// A count or a length (as 8 bytes: the format need not care how large `usize` is).
    pub(crate) fn count(&mut self, n: usize) {
        self.u64(n as u64);
    }

    pub(crate) fn bytes(&mut self, bytes: &[u8]) {
        self.count(bytes.len());
        self.0.extend_from_slice(bytes);
    }

    pub(crate) fn text(&mut self, text: &str) {
        self.bytes(text.as_bytes());
    }

    /// `None` as 0, `Some` as 1 then the text.
    pub(crate) fn option(&mut self, text: Option<&str>) {
        match text {
            None => self.u8(0),
            Some(text) => {
                self.u8(1);
                self.text(text);
            }
        }
    }

    /// `None` as 0, `Some` as 1 then the number.
    pub(crate) fn option_u32(&mut self, n: Option<u32>) {
        match n {
            None => self.u8(0),
            Some(n) => {
                self.u8(1);
                self.u32(n);
            }
        }
    }
}

/// Reads back what a [`Writer`] wrote, in the same order.
pub(crate) struct Reader<'a>(pub &'a [u8]);

impl<'a> Reader<'a> {
    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], WireError> {
        if n > self.0.len() {
            return Err(WireError);
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    pub(crate) fn u8(&mut self) -> Result<u8, WireError> {
        self.take(1)?.first().copied().ok_or(WireError)
    }

    pub(crate) fn u32(&mut self) -> Result<u32, WireError> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().map_err(|_| WireError)?,
        ))
    }

    pub(crate) fn u64(&mut self) -> Result<u64, WireError> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().map_err(|_| WireError)?,
        ))
    }

    /// A count or a length; never more than the bytes left (each item takes one at least),
    /// so that a wrong count cannot make the reader reserve memory for nothing.
    pub(crate) fn count(&mut self) -> Result<usize, WireError> {
        let n = usize::try_from(self.u64()?).map_err(|_| WireError)?;
        if n > self.0.len() {
            return Err(WireError);
        }
        Ok(n)
    }

    pub(crate) fn bytes(&mut self) -> Result<&'a [u8], WireError> {
        let n = self.count()?;
        self.take(n)
    }

    pub(crate) fn text(&mut self) -> Result<&'a str, WireError> {
        std::str::from_utf8(self.bytes()?).map_err(|_| WireError)
    }

    pub(crate) fn string(&mut self) -> Result<String, WireError> {
        self.text().map(str::to_string)
    }

    pub(crate) fn arc(&mut self) -> Result<Arc<str>, WireError> {
        self.text().map(Arc::from)
    }

    pub(crate) fn option(&mut self) -> Result<Option<&'a str>, WireError> {
        match self.u8()? {
            0 => Ok(None),
            1 => self.text().map(Some),
            _ => Err(WireError),
        }
    }

    pub(crate) fn option_u32(&mut self) -> Result<Option<u32>, WireError> {
        match self.u8()? {
            0 => Ok(None),
            1 => self.u32().map(Some),
            _ => Err(WireError),
        }
    }

    /// The end: nothing may be left.
    pub(crate) fn end(&self) -> Result<(), WireError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(WireError)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_back_and_cut_bytes_are_errors() {
        let mut w = Writer::default();
        w.u8(7);
        w.u32(70_000);
        w.u64(u64::MAX);
        w.text("Élodie");
        w.option(None);
        w.option(Some(""));
        w.option_u32(Some(3));
        w.option_u32(None);
        let bytes = w.0;
        let read = |bytes: &[u8]| -> Result<_, WireError> {
            let mut r = Reader(bytes);
            let values = (
                r.u8()?,
                r.u32()?,
                r.u64()?,
                r.string()?,
                r.option()?.map(str::to_string),
                r.option()?.map(str::to_string),
                r.option_u32()?,
                r.option_u32()?,
            );
            r.end()?;
            Ok(values)
        };
        assert_eq!(
            read(&bytes),
            Ok((
                7,
                70_000,
                u64::MAX,
                "Élodie".to_string(),
                None,
                Some(String::new()),
                Some(3),
                None
            ))
        );
        for n in 0..bytes.len() {
            assert_eq!(read(bytes.get(..n).unwrap()), Err(WireError), "cut at {n}");
        }
        assert_eq!(read(&[bytes.as_slice(), b"x"].concat()), Err(WireError));
        // A length past the end, an option neither 0 nor 1, bytes that are not UTF-8.
        assert_eq!(Reader(&u64::MAX.to_le_bytes()).count(), Err(WireError));
        assert_eq!(Reader(&[2]).option(), Err(WireError));
        assert_eq!(
            Reader(&[2, 0, 0, 0, 0, 0, 0, 0, 0xC3, 0x28]).text(),
            Err(WireError)
        );
    }
}
