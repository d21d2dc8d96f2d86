"""Supplement products and the doses logged from them."""
