"""The domain: pure rules and facts (snapshot, records, policy, calendar, access rules, audit
hashing). Imports no store, no web, no use case: everything here is a function of its arguments."""
