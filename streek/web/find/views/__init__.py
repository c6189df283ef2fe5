"""Views of the public Find pages: map, list, sales point, organisation, embeddable map, calendar."""
