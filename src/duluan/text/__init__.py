"""The Vietnamese language core: normalisation, encodings, dates, redaction, folding."""
