import time

from streek.interop.signing import signature_header, verify_signature

SECRET = "whsec_test"
BODY = b'{"event":"order.placed","id":"1"}'


def test_a_fresh_signature_of_the_body_verifies():
    # given a header signed now
    header = signature_header(secret=SECRET, body=BODY)

    # then it verifies with the same secret and body
    assert verify_signature(SECRET, header, BODY)


def test_a_tampered_body_or_another_secret_does_not_verify():
    header = signature_header(secret=SECRET, body=BODY)

    assert not verify_signature(SECRET, header, BODY.replace(b"1", b"2"))
    assert not verify_signature("whsec_other", header, BODY)


def test_an_old_timestamp_is_refused():
    # given a header signed ten minutes ago
    header = signature_header(secret=SECRET, body=BODY, timestamp=int(time.time()) - 600)

    # then the default tolerance (5 minutes) refuses it, a larger one accepts it
    assert not verify_signature(SECRET, header, BODY)
    assert verify_signature(SECRET, header, BODY, tolerance=900)


def test_malformed_headers_do_not_verify():
    for header in ("", "t=abc,v1=00", "v1=00", f"t={int(time.time())}"):
        assert not verify_signature(SECRET, header, BODY)
