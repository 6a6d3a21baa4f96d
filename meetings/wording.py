"""How the record's pages, PDF, forms and messages join words, so they all read alike."""


def and_join(words):
    """ "1, 2 and 3": how the minutes list numbers, names and fields."""
    words = list(words)
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def with_article(noun):
    """ "an agenda item", "a resolution"."""
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"
