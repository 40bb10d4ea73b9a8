//! TLS for the database (rustls): the certificate checks each `sslmode`
//! asks for, private roots from `sslrootcert`, and a record of whether a
//! connection did use TLS (with `prefer` only the server decides).

use super::sslmode::CertCheck;
use crate::backend::BackendError;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{pem::PemObject, CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, Error, RootCertStore, SignatureScheme};
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tokio_postgres::tls::{MakeTlsConnect, TlsConnect};
use tokio_postgres_rustls::MakeRustlsConnect;

/// The webpki roots, plus every certificate in `root_cert` (a PEM file).
pub fn roots(root_cert: Option<&str>) -> Result<RootCertStore, BackendError> {
    let mut roots = RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    // libpq's `sslrootcert=system`: the platform's roots; ours are webpki's.
    let Some(path) = root_cert.filter(|p| *p != "system") else {
        return Ok(roots);
    };
    let pem = std::fs::read(path)
        .map_err(|e| BackendError::Network(format!("cannot read sslrootcert {path}: {e}")))?;
    let mut added = 0;
    for cert in CertificateDer::pem_slice_iter(&pem) {
        let cert = cert.map_err(|e| {
            BackendError::Network(format!("bad certificate in sslrootcert {path}: {e}"))
        })?;
        roots
            .add(cert)
            .map_err(|e| BackendError::Network(format!("unusable certificate in {path}: {e}")))?;
        added += 1;
    }
    if added == 0 {
        return Err(BackendError::Network(format!(
            "sslrootcert {path} holds no PEM certificate"
        )));
    }
    Ok(roots)
}

/// A rustls connector that checks what `check` says.
pub fn connector(
    check: CertCheck,
    roots: RootCertStore,
) -> Result<MakeRustlsConnect, BackendError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let setup = |e: &dyn std::fmt::Display| BackendError::Network(format!("TLS setup failed: {e}"));
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| setup(&e))?;
    let config = match check {
        CertCheck::ChainAndName => builder.with_root_certificates(roots).with_no_client_auth(),
        CertCheck::Chain => {
            let webpki = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider)
                .build()
                .map_err(|e| setup(&e))?;
            builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(ChainOnly(webpki)))
                .with_no_client_auth()
        }
        CertCheck::Nothing => builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(AnyCertificate(provider)))
            .with_no_client_auth(),
    };
    Ok(MakeRustlsConnect::new(config))
}

/// `verify-ca`: a trusted chain, whatever name the certificate carries.
#[derive(Debug)]
struct ChainOnly(Arc<WebPkiServerVerifier>);

impl ServerCertVerifier for ChainOnly {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp, now)
        {
            // The name is checked after the chain: this error means the
            // chain was good.
            Err(Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

/// `prefer` and `require`: any certificate (libpq checks none there), but
/// the handshake's signatures are still verified, so the session is
/// encrypted to whoever holds the certificate's key.
#[derive(Debug)]
struct AnyCertificate(Arc<CryptoProvider>);

impl ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// Whether a connection made through [`Recording`] completed a TLS handshake.
#[derive(Debug, Clone, Default)]
pub struct TlsSeen(Arc<AtomicBool>);

impl TlsSeen {
    pub fn seen(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// A connector that notes every completed handshake: with `prefer` the
/// server may say no to TLS and the driver then goes on in clear text.
#[derive(Clone)]
pub struct Recording<T> {
    inner: T,
    seen: TlsSeen,
}

impl<T> Recording<T> {
    pub fn new(inner: T) -> (Recording<T>, TlsSeen) {
        let seen = TlsSeen::default();
        (
            Recording {
                inner,
                seen: seen.clone(),
            },
            seen,
        )
    }
}

impl<S, T> MakeTlsConnect<S> for Recording<T>
where
    T: MakeTlsConnect<S>,
    T::TlsConnect: TlsConnect<S, Stream = T::Stream, Error = std::io::Error>,
    <T::TlsConnect as TlsConnect<S>>::Future: Send + 'static,
{
    type Stream = T::Stream;
    type TlsConnect = RecordingConnect<T::TlsConnect>;
    type Error = T::Error;

    fn make_tls_connect(&mut self, domain: &str) -> Result<Self::TlsConnect, Self::Error> {
        Ok(RecordingConnect {
            inner: self.inner.make_tls_connect(domain)?,
            seen: self.seen.clone(),
        })
    }
}

pub struct RecordingConnect<C> {
    inner: C,
    seen: TlsSeen,
}

type Handshake<St> = Pin<Box<dyn Future<Output = std::io::Result<St>> + Send>>;

impl<S, C> TlsConnect<S> for RecordingConnect<C>
where
    C: TlsConnect<S, Error = std::io::Error>,
    C::Future: Send + 'static,
{
    type Stream = C::Stream;
    type Error = std::io::Error;
    type Future = Handshake<C::Stream>;

    fn connect(self, stream: S) -> Self::Future {
        let seen = self.seen;
        let handshake = self.inner.connect(stream);
        Box::pin(async move {
            let stream = handshake.await?;
            seen.0.store(true, Ordering::SeqCst);
            Ok(stream)
        })
    }
}
