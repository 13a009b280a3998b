//! An import's line ends made plain for the CSV reader, so that the lines
//! it names are the file's: a CRLF is read as LF (the reader counted the
//! LF of a CRLF at the start of the next record, so every row of a file
//! saved on Windows was named one line early); in a file whose first line
//! ends in a lone CR (classic Mac), every lone CR is read as LF. Elsewhere a
//! lone CR is left as it is: the reader ends a record there without
//! counting a line, which is how `rows` knows a line was split.

use std::io::{self, Read};

/// How the file's lines end, from the first end seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ends {
    /// No line end seen yet.
    Unknown,
    /// LF or CRLF: a lone CR is not a line end.
    Feed,
    /// A lone CR: each one ends a line.
    Return,
}

/// `inner`, its line ends read as LF (see the module's doc).
pub(super) struct LineEnds<R> {
    inner: R,
    /// What is ready to be read, from `start`.
    ready: Vec<u8>,
    start: usize,
    /// A CR at the end of the last chunk, decided by the next byte.
    held_return: bool,
    ends: Ends,
    chunk: Box<[u8]>,
}

impl<R: Read> LineEnds<R> {
    pub(super) fn new(inner: R) -> LineEnds<R> {
        LineEnds {
            inner,
            ready: Vec::new(),
            start: 0,
            held_return: false,
            ends: Ends::Unknown,
            chunk: vec![0; 64 << 10].into_boxed_slice(),
        }
    }

    /// A CR not followed by LF.
    fn lone_return(&mut self) {
        if self.ends == Ends::Unknown {
            self.ends = Ends::Return;
        }
        let b = if self.ends == Ends::Return {
            b'\n'
        } else {
            b'\r'
        };
        self.ready.push(b);
    }

    /// Reads the next chunk into `ready`; false at the end of the input.
    fn fill(&mut self) -> io::Result<bool> {
        self.ready.clear();
        self.start = 0;
        let n = loop {
            match self.inner.read(&mut self.chunk) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        };
        let chunk = std::mem::take(&mut self.chunk);
        let mut rest = &chunk[..n];
        if n == 0 {
            if std::mem::take(&mut self.held_return) {
                self.lone_return();
            }
        } else if self.held_return {
            self.held_return = false;
            if rest[0] == b'\n' {
                self.ends = Ends::Feed;
                self.ready.push(b'\n');
                rest = &rest[1..];
            } else {
                self.lone_return();
            }
        }
        while !rest.is_empty() {
            if self.ends == Ends::Unknown
                && let Some(lf) = memchr::memchr(b'\n', rest)
                && !rest[..lf].contains(&b'\r')
            {
                self.ends = Ends::Feed;
            }
            let Some(cr) = memchr::memchr(b'\r', rest) else {
                self.ready.extend_from_slice(rest);
                break;
            };
            self.ready.extend_from_slice(&rest[..cr]);
            match rest.get(cr + 1) {
                None => self.held_return = true,
                Some(b'\n') => {
                    self.ends = Ends::Feed;
                    self.ready.push(b'\n');
                    rest = &rest[cr + 2..];
                    continue;
                }
                Some(_) => self.lone_return(),
            }
            rest = &rest[cr + 1..];
        }
        self.chunk = chunk;
        Ok(n > 0 || !self.ready.is_empty())
    }
}

impl<R: Read> Read for LineEnds<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.start == self.ready.len() {
            if !self.fill()? {
                return Ok(0);
            }
        }
        let n = out.len().min(self.ready.len() - self.start);
        out[..n].copy_from_slice(&self.ready[self.start..self.start + n]);
        self.start += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::LineEnds;
    use std::io::Read;

    /// `input` read through `LineEnds` from chunks of `size` bytes.
    fn read(input: &[u8], size: usize) -> Vec<u8> {
        struct Chunks<'a>(&'a [u8], usize);
        impl Read for Chunks<'_> {
            fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
                let n = self.1.min(out.len()).min(self.0.len());
                out[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut out = Vec::new();
        LineEnds::new(Chunks(input, size))
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn line_ends_are_read_as_the_file_means_them() {
        for size in [1, 2, 3, 7, 1 << 20] {
            let cases: [(&[u8], &[u8]); 8] = [
                (b"a,b\nc,d\n", b"a,b\nc,d\n"),
                (b"a,b\r\nc,d\r\n", b"a,b\nc,d\n"),
                (b"a,b\rc,d\r", b"a,b\nc,d\n"),
                // A lone CR in a file of LF or CRLF lines stays.
                (b"a,b\nc\r,d\n", b"a,b\nc\r,d\n"),
                (b"a,b\r\nc\r,d\r\n", b"a,b\nc\r,d\n"),
                // CRLF inside a quoted cell reads as LF too.
                (b"a,\"b\r\nc\"\r\n", b"a,\"b\nc\"\n"),
                (b"a,b\r", b"a,b\n"),
                (b"", b""),
            ];
            for (input, expected) in cases {
                assert_eq!(
                    read(input, size),
                    expected,
                    "{:?} in chunks of {size}",
                    String::from_utf8_lossy(input)
                );
            }
        }
    }
}
