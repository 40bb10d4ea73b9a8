//! A listener for the fake server whose connections can be made to drop:
//! when a "drop" fault is armed, the next request's bytes are swallowed and
//! the connection is reset without an answer, like a crashed proxy.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

/// How many of the next requests lose their connection.
#[derive(Default)]
pub struct DropArm(AtomicUsize);

impl DropArm {
    pub fn arm(&self, n: usize) {
        self.0.store(n, Ordering::SeqCst);
    }

    fn take(&self) -> bool {
        self.0
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok()
    }
}

pub struct DroppingListener {
    pub inner: TcpListener,
    pub arm: Arc<DropArm>,
}

impl axum::serve::Listener for DroppingListener {
    type Io = DroppingIo;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            if let Ok((stream, addr)) = self.inner.accept().await {
                let io = DroppingIo {
                    inner: stream,
                    arm: self.arm.clone(),
                    dead: false,
                };
                return (io, addr);
            }
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.inner.local_addr()
    }
}

pub struct DroppingIo {
    inner: TcpStream,
    arm: Arc<DropArm>,
    dead: bool,
}

fn reset() -> io::Error {
    io::Error::new(
        io::ErrorKind::ConnectionReset,
        "fake server dropped the connection",
    )
}

impl AsyncRead for DroppingIo {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if this.dead {
            return Poll::Ready(Err(reset()));
        }
        let before = buf.filled().len();
        match Pin::new(&mut this.inner).poll_read(cx, buf) {
            Poll::Ready(Ok(())) if buf.filled().len() > before && this.arm.take() => {
                buf.set_filled(before);
                this.dead = true;
                Poll::Ready(Err(reset()))
            }
            other => other,
        }
    }
}

impl AsyncWrite for DroppingIo {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if this.dead {
            return Poll::Ready(Err(reset()));
        }
        Pin::new(&mut this.inner).poll_write(cx, data)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}
