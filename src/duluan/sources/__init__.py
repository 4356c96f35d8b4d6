"""Readers for each kind of source; each yields RawItem or RawReject records."""
