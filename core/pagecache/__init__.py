"""A cache of rendered Wagtail pages for anonymous visitors, invalidated by every content change."""
