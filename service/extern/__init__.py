"""Pages for people without an account, reached through a personal link (issue #18).

Everything here lives under `/extern/...` (and `/l/{token}`, which opens a link); see
`deps.py` for how a link page names its link and `docs/LINKS.md` for the design."""
