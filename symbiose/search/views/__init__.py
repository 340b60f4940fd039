"""Pages of the search app: the search itself and saved searches; watches and notifications."""
