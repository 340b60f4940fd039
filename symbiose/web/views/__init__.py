"""Web pages. Thin: parse, authorise (permissions/access), call an action, render."""
