//! Logs go to a file, never to the terminal (the TUI owns the screen).
//! The file is owner-only: logs name servers, users and records.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tracing_subscriber::EnvFilter;

/// Starts logging to `<log dir>/tentabo.log`; level from `TENTABO_LOG`
/// (default `info`). Returns the file path, or `None` when no file could be
/// opened (then nothing is logged rather than anything reaching the screen).
pub fn init() -> Option<PathBuf> {
    let dir = crate::paths::log_dir()?;
    let path = dir.join("tentabo.log");
    let file = open_private(&path).ok()?;
    let filter = EnvFilter::try_from_env("TENTABO_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(Mutex::new(file))
        .try_init()
        .ok()?;
    Some(path)
}

/// Opens `path` for appending, its directory 0700 and the file 0600 (on
/// Unix). Both are tightened when they already exist wider (files from
/// older versions were created with the umask's mode). Refuses a path that
/// is not a regular file, so a planted symlink is not followed.
pub fn open_private(path: &Path) -> io::Result<File> {
    let dir = path.parent().unwrap_or(Path::new("."));
    private_dir(dir)?;
    match fs::symlink_metadata(path) {
        Ok(m) if !m.file_type().is_file() => {
            return Err(io::Error::other(format!(
                "{} is not a regular file",
                path.display()
            )))
        }
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let mut opts = OpenOptions::new();
    opts.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let file = opts.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // On the open handle: an existing file keeps its old mode otherwise.
        file.set_permissions(fs::Permissions::from_mode(0o600))?;
    }
    Ok(file)
}

fn private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::io::Write;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn a_new_log_is_0600_in_a_0700_directory() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("state").join("tentabo");
        let path = dir.join("tentabo.log");
        open_private(&path).unwrap().write_all(b"x\n").unwrap();
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&path), 0o600);
    }

    #[test]
    fn an_existing_wide_log_and_directory_are_tightened_and_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("tentabo");
        fs::create_dir(&dir).unwrap();
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
        let path = dir.join("tentabo.log");
        fs::write(&path, b"old line\n").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();

        open_private(&path)
            .unwrap()
            .write_all(b"new line\n")
            .unwrap();
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&path), 0o600);
        assert_eq!(fs::read(&path).unwrap(), b"old line\nnew line\n");
    }

    #[test]
    fn a_symlink_in_place_of_the_log_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("elsewhere");
        fs::write(&target, b"").unwrap();
        fs::set_permissions(&target, fs::Permissions::from_mode(0o644)).unwrap();
        let dir = tmp.path().join("tentabo");
        fs::create_dir(&dir).unwrap();
        let path = dir.join("tentabo.log");
        std::os::unix::fs::symlink(&target, &path).unwrap();
        assert!(open_private(&path).is_err());
        assert_eq!(mode(&target), 0o644, "the target's mode is left alone");
    }
}
