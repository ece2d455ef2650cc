"""The service's API through FastAPI's test client, with a real worker pool: upload, status,
every output, page pictures, and each refusal (413, 415, 400, 404, 409/410, 422, host, origin)."""

from __future__ import annotations

import csv
import io
import json
import logging
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from checkup2action.service.config import ServiceConfig
from tests.service.conftest import SAMPLES, client_for, wait_done

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
#: A file name that must never reach a log or the file system.
SECRET_NAME = "Zhang_Wei_110101199003077777.pdf"


def upload(client: TestClient, content: bytes, name: str = SECRET_NAME) -> dict:
    """Upload bytes as the ``file`` field; the response's JSON."""
    response = client.post("/v1/reports", files={"file": (name, content, "application/pdf")})
    assert response.status_code == 202, response.text
    return response.json()


@pytest.fixture(scope="module")
def read_job(client: TestClient) -> dict:
    """The ended status of the bundled US lab report, uploaded once for the module."""
    job = upload(client, (SAMPLES / "en_us_lab_28.pdf").read_bytes())
    assert job["status"] == "queued" and len(job["id"]) == 22
    return wait_done(client, job["id"])


def test_health_answers_with_the_pool(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok" and body["workers"] == 2


def test_a_report_is_read_with_every_output(client: TestClient, read_job: dict) -> None:
    assert read_job["status"] == "ok"
    assert read_job["results"] == 45 and read_job["pages"] == 2
    links = read_job["links"]
    report = client.get(links["report.json"]).json()
    assert len(report["lab_results"]) == 45
    assert SECRET_NAME not in json.dumps(report)
    cards = client.get(links["cards.json"]).json()
    assert cards["cards"] and cards["report_sha256"] == read_job["sha256"]
    fhir = client.get(links["fhir.json"])
    assert fhir.headers["content-type"].startswith("application/fhir+json")
    assert fhir.json()["resourceType"] == "Bundle"
    rows = list(csv.DictReader(io.StringIO(client.get(links["results.csv"]).text.lstrip("\ufeff"))))
    assert len(rows) == 45


def test_a_report_can_be_deleted_at_once(client: TestClient, data_dir: Path) -> None:
    job = upload(client, (SAMPLES / "en_headerless_35.pdf").read_bytes())
    wait_done(client, job["id"])
    assert (data_dir / job["id"]).is_dir()
    assert client.delete(f"/v1/reports/{job['id']}").status_code == 204
    assert not (data_dir / job["id"]).exists()
    assert client.get(f"/v1/reports/{job['id']}").status_code == 404
    assert client.delete(f"/v1/reports/{job['id']}").status_code == 404


def test_page_pictures_with_and_without_boxes(client: TestClient, read_job: dict) -> None:
    sizes = read_job["page_images"]
    assert [s["page"] for s in sizes] == [1, 2]
    assert sizes[0]["width_px"] <= 1400 and sizes[0]["width_pt"] == pytest.approx(595.28)
    plain = client.get(sizes[0]["url"])
    boxed = client.get(sizes[0]["url"], params={"boxes": "true"})
    assert plain.headers["content-type"] == "image/png" and plain.content.startswith(PNG_MAGIC)
    assert boxed.content.startswith(PNG_MAGIC) and boxed.content != plain.content
    assert client.get(f"/v1/reports/{read_job['id']}/pages/3.png").status_code == 404


def test_page_pictures_hide_identifiers(client: TestClient, read_job: dict) -> None:
    """The patient's name on the sample's first page is filled black: pixels of pure black
    cover a block where the printed name was."""
    from PIL import Image

    image = Image.open(io.BytesIO(client.get(read_job["page_images"][0]["url"]).content))
    black = image.convert("L").histogram()[0]
    assert black > 2000


def test_an_unknown_or_malformed_id_is_404(client: TestClient) -> None:
    for job_id in ("A" * 22, "..%2F..%2Fetc", "x"):
        response = client.get(f"/v1/reports/{job_id}")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "NOT_FOUND"
    assert client.get(f"/v1/reports/{'A' * 22}/report.json").status_code == 404


def test_not_a_document_is_415_and_empty_is_400(client: TestClient, data_dir: Path) -> None:
    before = set(data_dir.iterdir())
    text = client.post("/v1/reports", files={"file": ("a.pdf", b"name,value\nGlucose,5.2\n")})
    assert text.status_code == 415 and text.json()["error"]["code"] == "NOT_A_DOCUMENT"
    jxl = client.post("/v1/reports", files={"file": ("a.jxl", b"\xff\x0a" + b"\0" * 64)})
    assert jxl.status_code == 415 and jxl.json()["error"]["code"] == "UNSUPPORTED_FORMAT"
    jbig2 = client.post("/v1/reports", files={"file": ("a.jb2", b"\x97JB2\r\n\x1a\n" + b"\0" * 64)})
    assert jbig2.status_code == 415 and jbig2.json()["error"]["code"] == "UNSUPPORTED_IMAGE"
    empty = client.post("/v1/reports", files={"file": ("a.pdf", b"")})
    assert empty.status_code == 400 and empty.json()["error"]["code"] == "EMPTY_FILE"
    assert set(data_dir.iterdir()) == before  # nothing kept of a refused upload


def test_too_large_is_413_declared_or_streamed(client: TestClient, data_dir: Path) -> None:
    before = set(data_dir.iterdir())
    big = b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024)
    declared = client.post("/v1/reports", files={"file": ("big.pdf", big)})
    assert declared.status_code == 413
    assert declared.json()["error"]["code"] == "UPLOAD_TOO_LARGE"

    def chunks():  # no Content-Length: the cap is counted while the body streams
        boundary = b"--xyz\r\n"
        yield boundary + b'Content-Disposition: form-data; name="file"; filename="b.pdf"\r\n\r\n'
        for _ in range(40):
            yield b"%PDF-1.4\n" + b"1" * 65536
        yield b"\r\n--xyz--\r\n"

    streamed = client.post(
        "/v1/reports",
        content=chunks(),
        headers={"content-type": "multipart/form-data; boundary=xyz"},
    )
    assert streamed.status_code == 413
    assert set(data_dir.iterdir()) == before


def test_a_document_that_fails_gets_its_code(client: TestClient) -> None:
    job = upload(client, b"%PDF-1.4\n1 0 obj\n<< garbage")
    ended = wait_done(client, job["id"])
    assert ended["status"] == "failed" and ended["error_code"] == "CORRUPT_DOCUMENT"
    assert "report.json" not in ended["links"]
    gone = client.get(f"/v1/reports/{job['id']}/report.json")
    assert gone.status_code == 410 and gone.json()["error"]["code"] == "NO_REPORT"


def test_a_hanging_document_times_out_and_a_crash_is_contained(client: TestClient) -> None:
    hang = upload(client, b"%PDF-1.4\n% HANG\n")
    crash = upload(client, b"%PDF-1.4\n% CRASH\n")
    assert wait_done(client, crash["id"])["error_code"] == "PARSER_CRASH"
    pending = client.get(f"/v1/reports/{hang['id']}/report.json")
    assert pending.status_code in (409, 410)  # still read, or already stopped
    assert wait_done(client, hang["id"], timeout=60)["error_code"] == "TIMEOUT"
    assert client.get("/health").json()["status"] == "ok"


def test_other_hosts_and_origins_are_refused(client: TestClient) -> None:
    rebound = client.get("/health", headers={"host": "attacker.example"})
    assert rebound.status_code == 400
    assert rebound.json()["error"]["code"] == "HOST_NOT_ALLOWED"
    cross = client.post(
        "/v1/reports",
        files={"file": ("a.pdf", b"%PDF-1.4\n")},
        headers={"origin": "http://attacker.example"},
    )
    assert cross.status_code == 403
    same = client.get("/health", headers={"origin": "http://attacker.example"})
    assert same.status_code == 200  # reading is allowed; the browser's CORS rules apply


def test_validation_errors_do_not_echo_the_upload(client: TestClient) -> None:
    response = client.post("/v1/reports", data={"document": "SECRET-VALUE 6.1 mmol/L"})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "INVALID_REQUEST"
    assert "SECRET" not in response.text and "6.1" not in response.text


def test_logs_and_files_carry_ids_never_names(
    client: TestClient, data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="checkup2action.service"):
        job = upload(client, (SAMPLES / "en_eu_decimal_comma_59.pdf").read_bytes())
        wait_done(client, job["id"])
    assert any(job["id"] in record.getMessage() for record in caplog.records)
    assert all("Zhang" not in record.getMessage() for record in caplog.records)
    stored = [p.name for p in data_dir.rglob("*")]
    assert all("Zhang" not in name and not name.endswith(".pdf") for name in stored)


def test_openapi_and_the_viewer_page(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/v1/reports", "/v1/reports/{job_id}", "/health"} <= set(spec["paths"])
    upload_answers = spec["paths"]["/v1/reports"]["post"]["responses"]
    assert {"202", "413", "415", "422"} <= set(upload_answers)
    assert "ErrorBody" in upload_answers["415"]["content"]["application/json"]["schema"]["$ref"]
    assert "JobState" in spec["components"]["schemas"]
    not_allowed = client.put("/health")
    assert not_allowed.status_code == 405 and "GET" in not_allowed.headers["allow"]
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_reports_expire_with_their_files(tmp_path: Path) -> None:
    config = ServiceConfig(data_dir=tmp_path, workers=1, expire_after=1.0)
    with client_for(config) as short_lived:
        job = upload(short_lived, (SAMPLES / "en_headerless_35.pdf").read_bytes())
        assert wait_done(short_lived, job["id"])["expires_at"] is not None
        deadline = time.monotonic() + 15
        while (tmp_path / job["id"]).exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not (tmp_path / job["id"]).exists()
        assert short_lived.get(f"/v1/reports/{job['id']}").status_code == 404


def test_a_pool_that_cannot_start_fails_its_jobs_and_says_so(tmp_path: Path) -> None:
    config = ServiceConfig(data_dir=tmp_path, workers=1, runner="tests.service.missing:read")
    with client_for(config) as broken:
        job = upload(broken, (SAMPLES / "en_headerless_35.pdf").read_bytes())
        ended = wait_done(broken, job["id"], timeout=60)
        assert ended["status"] == "failed" and ended["error_code"] == "STAGE_ERROR"
        health = broken.get("/health")
        assert health.status_code == 503 and health.json()["status"] == "degraded"
        refused = broken.post("/v1/reports", files={"file": ("a.pdf", b"%PDF-1.4\n")})
        assert refused.status_code == 503 and refused.json()["error"]["code"] == "POOL_DOWN"


def test_uploads_do_not_outlive_the_service(tmp_path: Path) -> None:
    orphan = tmp_path / ("B" * 22)  # a job folder left by a service that was killed
    orphan.mkdir()
    (orphan / "input").write_bytes(b"%PDF-1.4\n")
    unrelated = tmp_path / "notes"
    unrelated.mkdir()
    with client_for(ServiceConfig(data_dir=tmp_path, workers=1)) as service:
        assert not orphan.exists() and unrelated.exists()
        job = upload(service, (SAMPLES / "en_headerless_35.pdf").read_bytes())
        wait_done(service, job["id"])
        assert (tmp_path / job["id"]).is_dir()
    assert not (tmp_path / job["id"]).exists()  # removed when the service stopped
    assert unrelated.exists()
