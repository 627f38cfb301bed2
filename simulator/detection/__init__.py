"""Text normalisation, the technique catalogue's rules, and the detector."""
