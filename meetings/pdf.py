"""Pages printed as PDF by WeasyPrint: tagged for assistive technology (PDF/UA-1), fonts
embedded, so every character the record holds (Ł, ŵ, Ş, £, curly quotes) prints and can be
read aloud, searched and copied.

The HTML comes from the site's own templates, so a PDF holds exactly what the page it
mirrors shows that visitor. Its structure comes from the HTML: headings, lists and links
become the PDF's H1/H2, L/LI and Link tags; its language from ``<html lang>``, its title
from ``<title>``.
"""

# PDF/UA-1: a tagged PDF with a structure tree, MarkInfo, /Lang and a title shown by readers.
PDF_VARIANT = "pdf/ua-1"


def html_to_pdf(html, *, base_url):
    """The PDF of ``html`` (a whole document with its styles inline), as bytes.

    ``base_url`` makes the document's relative links absolute, so they still work in a
    downloaded file. Nothing is fetched: the templates inline their styles, and a page that
    fetched from the site (or anywhere a stored address pointed) while rendering could be
    made to wait on itself or to reach inside the network.
    """
    # Imported here, not at the top: WeasyPrint takes most of a second to import, and only
    # this download needs it; every other page and each worker's start-up should not pay.
    import weasyprint

    refuse_every_fetch = weasyprint.URLFetcher(allowed_protocols=())
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=refuse_every_fetch)
    return document.write_pdf(pdf_variant=PDF_VARIANT)
