"""The yearly impact report of an area: its data (data.py), the HTML and PDF (render.py), and the background run
with a status (services.py, tasks.py)."""
