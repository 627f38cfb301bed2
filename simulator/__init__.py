"""网店客服陪练: an offline role-play simulator for online-shop customer service."""

__version__ = "0.1.0"
