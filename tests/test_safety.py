"""Operational safety (issue 17): never touch an input, never delete a user's
file, one run per output, no child outliving the run."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pymupdf
import pytest
from click.testing import CliRunner

from conftest import SAMPLES, make_pdf, sha256
from woopub.cli import main
from woopub.run.safety import MARKER, RUN_TEMP_PREFIX, RunInProgress, RunLock, make_staging, private_temp_root, remove_made

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture()
def dossier(tmp_path):
    d = tmp_path / "dossier"
    d.mkdir()
    make_pdf(d / "nota.pdf", ["Beste Fenna,", "Bel mij op 06-48291730.", "Groet, Jan de Vries"])
    return d


def _snapshot(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): sha256(p) for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("case", ["out_is_input_folder", "out_inside_input", "internal_inside_input",
                                  "internal_is_output", "misspelled_input"])
def test_a_run_that_would_touch_an_input_is_refused_with_exit_2_and_nothing_written(tmp_path, dossier, case):
    before = _snapshot(dossier)
    nota = str(dossier / "nota.pdf")
    args = {
        "out_is_input_folder": [nota, "--out", str(dossier)],
        "out_inside_input": [str(dossier), "--out", str(dossier / "uit")],
        "internal_inside_input": [str(dossier), "--out", str(tmp_path / "uit"), "--internal", str(dossier / "int")],
        "internal_is_output": [str(dossier), "--out", str(tmp_path / "uit"), "--internal", str(tmp_path / "uit")],
        "misspelled_input": [nota + "x", "--out", str(tmp_path / "uit")],
    }[case]
    result = CliRunner().invoke(main, ["redact", *args])
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("woopub: ") and "nothing was written" in lines[0]
    assert "Traceback" not in result.output
    assert _snapshot(dossier) == before
    assert not (tmp_path / "uit").exists() and not (dossier / "uit").exists() and not (dossier / "int").exists()


def test_a_users_file_in_the_internal_folder_is_never_removed(tmp_path, dossier):
    internal = tmp_path / "intern"
    (internal / "staging").mkdir(parents=True)
    (internal / "staging" / "mijn-notities.txt").write_text("van de gebruiker")
    (internal / "staging-eigen").mkdir()
    (internal / "staging-eigen" / "ook-van-mij.txt").write_text("van de gebruiker")
    result = CliRunner().invoke(main, ["redact", str(dossier), "--out", str(tmp_path / "uit"),
                                       "--internal", str(internal), "--workers", "1", "-q"])
    assert result.exit_code == 0, result.output
    assert (internal / "staging" / "mijn-notities.txt").read_text() == "van de gebruiker"
    assert (internal / "staging-eigen" / "ook-van-mij.txt").read_text() == "van de gebruiker"
    assert not [p for p in internal.glob("staging-*") if (p / MARKER).exists()], "the run's own staging is gone"


def test_only_a_folder_woopub_marked_is_removed(tmp_path):
    made = make_staging(tmp_path)
    (made / "x").write_text("x")
    foreign = tmp_path / "staging-foreign"
    foreign.mkdir()
    assert remove_made(made) and not made.exists()
    assert not remove_made(foreign) and foreign.exists()


def test_two_runs_on_one_output_the_second_is_refused(tmp_path, dossier):
    internal = tmp_path / "intern"
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from woopub.run.safety import RunLock\n"
                               "with RunLock(sys.argv[1]):\n print('held', flush=True); time.sleep(60)", str(internal)],
                              env={**os.environ, "PYTHONPATH": str(SRC)}, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(RunInProgress):
            with RunLock(internal):
                pass
        result = CliRunner().invoke(main, ["redact", str(dossier), "--out", str(tmp_path / "uit"),
                                           "--internal", str(internal), "--workers", "1"])
        assert result.exit_code == 2
        assert "another woopub run" in result.output and "Traceback" not in result.output
    finally:
        holder.kill()
        holder.wait()
    with RunLock(internal):  # released when the first ends
        pass


def test_a_second_run_in_one_process_is_not_locked_out(tmp_path, dossier):
    for _ in range(2):  # a sandbox child of the first run must not keep the lock
        result = CliRunner().invoke(main, ["redact", str(dossier), "--out", str(tmp_path / "uit"), "--workers", "1", "-q"])
        assert result.exit_code == 0, result.output


def test_two_runs_never_share_a_staging_folder(tmp_path):
    a, b = make_staging(tmp_path / "a"), make_staging(tmp_path / "b")
    assert a != b and a.parent != b.parent


def _descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT], ids=lambda s: s.name)
def test_no_child_survives_the_main_process(tmp_path, dossier, sig):
    # documents long enough that the pool's workers are busy when the main process goes
    for i in range(4):
        doc = pymupdf.open()
        for k in range(40):
            doc.new_page().insert_text((72, 72), f"Beste Fenna {i} {k}, groet Jan de Vries, bel 06-48291730.\n" * 30)
        doc.save(dossier / f"brief-{i}.pdf")
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    proc = subprocess.Popen([sys.executable, "-m", "woopub", "redact", str(dossier), "--out", str(tmp_path / "uit"),
                             "--workers", "2", "-q"], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:  # fork server, resource tracker and two workers
        pythons = [p for p in _descendants(proc.pid) if p.name().startswith("python")]
        if len(pythons) >= 4:
            break
        time.sleep(0.2)
    assert len(pythons) >= 4, "the run started its fork server and workers"
    time.sleep(2)
    children = _descendants(proc.pid)
    os.kill(proc.pid, sig)
    proc.wait(timeout=60)
    _, alive = psutil.wait_procs(children, timeout=10)
    alive = [p for p in alive if p.status() != psutil.STATUS_ZOMBIE]
    for p in alive:  # leave nothing behind for the next test, then fail
        p.kill()
    assert not alive, f"left alive after {sig.name}: {[(p.pid, p.name()) for p in alive]}"
    assert proc.stdout.read() is not None  # a reader of its output (woopub ... | cat) sees the end


@pytest.mark.parametrize("content", ["empty", "only_other_files"])
def test_an_input_folder_without_pdfs_gets_one_line_and_exit_2_not_verify_passed(tmp_path, content):
    folder = tmp_path / "dossier"
    folder.mkdir()
    if content == "only_other_files":
        (folder / "notities.txt").write_text("geen PDF")
    result = CliRunner().invoke(main, ["redact", str(folder), "--out", str(tmp_path / "uit")])
    assert result.exit_code == 2
    assert "no PDF found" in result.output and "verify: passed" not in result.output
    assert not (tmp_path / "uit").exists()


def _run_with_broken_frog(tmp_path, dossier, *extra):
    bindir = tmp_path / "bin"
    bindir.mkdir(exist_ok=True)
    frog = bindir / "frog"
    frog.write_text("#!/bin/sh\necho 'frog: cannot load models' >&2\nexit 3\n")
    frog.chmod(0o755)
    env = {**os.environ, "PYTHONPATH": str(SRC), "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}"}
    env.pop("WOOPUB_WITHOUT", None)
    return subprocess.run([sys.executable, "-m", "woopub", "redact", str(dossier), "--out", str(tmp_path / "uit"),
                           "--workers", "2", "-q", *extra], env=env, capture_output=True, text=True, timeout=300)


def test_a_frog_that_cannot_start_fails_the_run_with_one_line(tmp_path, dossier):
    result = _run_with_broken_frog(tmp_path, dossier)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("woopub: ") and "WARNING" not in line]
    assert len(lines) == 1 and "Frog cannot run" in lines[0] and "--without frog" in lines[0]
    assert "Traceback" not in result.stderr and "verify: passed" not in result.stdout
    assert not (tmp_path / "uit").exists()


def test_running_explicitly_without_frog_publishes(tmp_path, dossier):
    result = _run_with_broken_frog(tmp_path, dossier, "--without", "frog")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Frog" not in result.stderr
    assert (tmp_path / "uit" / "nota.pdf").exists()


def test_a_published_run_leaves_every_input_byte_for_byte_as_it_was(tmp_path, dossier):
    before = _snapshot(dossier)
    result = _run_with_broken_frog(tmp_path, dossier, "--without", "frog")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "uit" / "nota.pdf").exists()
    assert _snapshot(dossier) == before


def test_a_file_name_with_a_newline_keeps_its_result_on_one_line(tmp_path):
    folder = tmp_path / "dossier"
    folder.mkdir()
    make_pdf(folder / "twee\nregels.pdf", ["Beste Fenna,", "Groet, Jan de Vries"])
    (folder / "kapot\nbestand.pdf").write_text("geen PDF")
    result = CliRunner().invoke(main, ["redact", str(folder), "--out", str(tmp_path / "uit"), "--workers", "1"])
    lines = result.output.splitlines()
    assert any(line.startswith("'twee\\nregels.pdf': published") for line in lines), result.output
    assert any(line.startswith("'kapot\\nbestand.pdf': FAILED") for line in lines), result.output
    assert not any(line.startswith(("regels.pdf", "bestand.pdf")) for line in lines)


def test_every_file_of_the_dossier_is_named_with_its_outcome_none_silently_dropped(tmp_path):
    folder, elsewhere = tmp_path / "dossier", tmp_path / "elders"
    (folder / "sub").mkdir(parents=True)
    elsewhere.mkdir()
    lines = ["Beste Fenna,", "Groet, Jan de Vries"]
    for name in ("spatie.pdf ", "zonder-extensie", "oud.pdf.bak"):
        make_pdf(folder / name, lines)
    make_pdf(elsewhere / "gelinkt.pdf", lines)
    (folder / "link").symlink_to(elsewhere, target_is_directory=True)
    (folder / "sub" / "lus").symlink_to(folder, target_is_directory=True)  # a loop: followed once
    (folder / "weg.pdf").symlink_to(tmp_path / "bestaat-niet.pdf")
    (folder / "brief.docx").write_bytes(b"PK\x03\x04")
    (folder / "notities.txt").write_text("geen PDF")
    out = tmp_path / "uit"
    result = CliRunner().invoke(main, ["redact", str(folder), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 1, result.output  # files that are not documents are reported, not hidden
    text = result.output
    for name in ("spatie.pdf : published", "zonder-extensie: published", "oud.pdf.bak: published",
                 "link/gelinkt.pdf: published"):
        assert name in text, name
    for name, why in (("weg.pdf", "dangling link"), ("brief.docx", "not a PDF"), ("notities.txt", "not a PDF")):
        assert f"{name}: FAILED: {name}: {why}" in text
    import json
    documents = {d["document"]: d for d in json.loads((out / "publicatielog.json").read_text())["documents"]}
    assert {"weg.pdf", "brief.docx", "notities.txt", "link/gelinkt.pdf", "zonder-extensie"} <= set(documents)
    assert sum("gelinkt.pdf" in n for n in documents) == 1, "the loop does not list a file twice"


def test_an_unreadable_sub_folder_is_named(tmp_path, monkeypatch):
    from woopub.run import pipeline
    folder = tmp_path / "dossier"
    (folder / "dicht").mkdir(parents=True)
    make_pdf(folder / "open.pdf", ["Beste Fenna,"])
    real_scandir = os.scandir

    def scandir(path):  # root reads any folder: the permission error is simulated
        if Path(path).name == "dicht":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(pipeline.os, "scandir", scandir)
    docs, problems = pipeline.collect_inputs([folder])
    assert [d.name for d in docs] == ["open.pdf"]
    assert [o.document for o in problems] == ["dicht"] and "cannot be read" in problems[0].reason


# -- full disk and read-only output: one line and exit 3, nothing half-written left --------

def _mount_tmpfs(where: Path, *options: str) -> bool:
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join(("size=64k", *options)), "tmpfs", str(where)],
                          capture_output=True)
    return done.returncode == 0


def _run_cli(src: Path, out: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    return subprocess.run([sys.executable, "-m", "woopub", "redact", str(src), "--out", str(out), "--without", "frog",
                           "--workers", "1"], capture_output=True, text=True, env=env, timeout=600)


@pytest.mark.parametrize("options", [(), ("ro",)], ids=["full-disk", "read-only"])
def test_full_disk_or_read_only_output_gives_one_line_and_exit_3(tmp_path, options):
    mnt = tmp_path / "mnt"
    if not _mount_tmpfs(mnt, *options):
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        src = tmp_path / "dossier"
        src.mkdir()
        make_pdf(src / "nota.pdf", ["Met vriendelijke groet, Jan de Vries, beleidsmedewerker."] * 40)
        done = _run_cli(src, mnt / "out")
        assert done.returncode == 3, done.stderr
        assert "Traceback" not in done.stderr
        assert "cannot write the output" in done.stderr.strip().splitlines()[-1]
        left = [p for p in mnt.rglob("*") if p.is_file()]
        assert not [p for p in left if p.stat().st_size == 0 and p.name != ".woopub.lock"], left
        assert not [p for p in left if p.suffix == ".pdf"], left  # no PDFs without a log
        assert not [p for p in left if p.name.endswith(".partial")], left
    finally:
        subprocess.run(["umount", str(mnt)], capture_output=True)


@pytest.mark.parametrize("forked_in", ["main thread", "another thread"])
def test_a_waiting_sandbox_child_holds_no_pipe_of_the_parent(forked_in):
    """A program that stops when its stdin closes (Playwright's driver, Frog's watchdog) stops
    although a sandbox child, forked while that pipe was open, still waits for its next document
    (issue 15: the browser tests hung at the end while a review server's sandbox child lived)."""
    import threading

    from woopub.run.guard import Sandbox

    program = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    box = Sandbox()
    pids = []
    if forked_in == "main thread":
        pids.append(box.run(os.getpid, ()))
    else:  # as a review server's request thread forks it
        worker = threading.Thread(target=lambda: pids.append(box.run(os.getpid, ())))
        worker.start()
        worker.join()
    try:
        assert pids and pids[0] != os.getpid() and psutil.pid_exists(pids[0])  # the child is up, waiting
        program.stdin.close()
        assert program.wait(timeout=10) == 0  # end of file reached it: no child holds the pipe
    finally:
        program.kill()
        box.close()


def test_the_programs_temporary_files_share_one_private_folder_removed_at_the_end(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)
    gone = tmp_path / f"{RUN_TEMP_PREFIX}999999999-abc"  # its program is gone (no such process id)
    (gone / "woopub-ocr-x").mkdir(parents=True)
    (gone / "woopub-ocr-x" / "0.img").write_bytes(b"page image")
    running = tmp_path / f"{RUN_TEMP_PREFIX}{os.getpid()}-abc"  # its program runs
    running.mkdir()
    with private_temp_root() as root:
        assert root.parent == tmp_path and os.environ["TMPDIR"] == str(root)
        assert Path(tempfile.mkdtemp(prefix="woopub-ocr-")).parent == root
        assert not gone.exists() and running.exists()
    assert not root.exists()
    assert os.environ["TMPDIR"] == str(tmp_path) and tempfile.gettempdir() == str(tmp_path)


def _page_images_in(temp: Path) -> bool:
    """Tesseract's input images stand in ``temp``; the run removes their folders while this looks."""
    try:
        return any(temp.rglob("woopub-ocr-*/*.img"))
    except FileNotFoundError:
        return False


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=lambda s: s.name)
def test_a_run_stopped_while_tesseract_reads_leaves_no_page_images_behind(tmp_path, sig):
    # Tesseract reads several pictures from files in a folder of their own; a worker killed then
    # cannot remove them, and they show the pages
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "PYTHONPATH": str(SRC), "TMPDIR": str(temp)}
    proc = subprocess.Popen([sys.executable, "-m", "woopub", "redact", *map(str, sorted((SAMPLES / "scans").glob("*.pdf"))),
                             "--out", str(tmp_path / "uit"), "--workers", "2", "-q"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline, reading = time.monotonic() + 120, False
    while time.monotonic() < deadline and proc.poll() is None and not reading:
        reading = _page_images_in(temp)
        time.sleep(0.02)
    assert reading, "the run got to Tesseract reading pictures from files"
    os.kill(proc.pid, sig)
    proc.wait(timeout=60)
    left = [p.relative_to(temp) for p in temp.rglob("*") if not p.name.startswith("pymp-") and "pymp-" not in p.parent.name]
    assert left == []
