"""Process settings for reading and importing large DFC documents."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def garbage_collection_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a large document is read and imported.

    Reading a catalogue of 10,000 variants allocates about a million dicts and lists that stay alive until the end;
    the collector would walk them again and again (about half of the read's time) and free nothing: none of them
    form cycles. Reference counting still frees everything as usual; the collector runs again afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
