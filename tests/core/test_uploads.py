"""The one upload check: extension, size and first bytes, said in the user's words."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from pingxing.core.uploads import DOCUMENTS, PHOTOS, PHOTOS_AND_PDF, upload_problem


def test_a_photo_whose_bytes_match_is_accepted_and_left_at_its_start():
    upload = SimpleUploadedFile("走访.JPG", b"\xff\xd8\xff\xe0rest")
    assert upload_problem(upload, allowed=PHOTOS) is None
    assert upload.read(3) == b"\xff\xd8\xff"


def test_a_renamed_file_a_wrong_kind_and_a_big_file_are_refused_with_their_name():
    assert "内容与扩展名不符" in upload_problem(SimpleUploadedFile("a.pdf", b"MZ\x90"), allowed=PHOTOS_AND_PDF)
    refused = upload_problem(SimpleUploadedFile("a.pdf", b"%PDF-1.4"), allowed=PHOTOS)
    assert "a.pdf" in refused and "照片（JPG/PNG）" in refused
    assert "超过1MB" in upload_problem(SimpleUploadedFile("a.png", b"\x89PNG" + b"0" * 2_000_000),
                                       allowed=PHOTOS, max_bytes=1024 * 1024)


def test_word_files_only_where_documents_are_allowed():
    docx = SimpleUploadedFile("材料.docx", b"PK\x03\x04...")
    assert upload_problem(docx, allowed=DOCUMENTS) is None
    assert "类型不允许" in upload_problem(docx, allowed=PHOTOS_AND_PDF)
