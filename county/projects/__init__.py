"""Village projects (村级工程, issue 17): each project's stages from approval to final
accounts, with the documents' images, as the township clerk files them per village.

``stages`` the stage vocabulary; ``models`` the table; ``sheet`` reading a
clerk's XLSX/CSV of stages; ``store`` replacing a village's projects;
``wire`` what travels to the village's own terminals. Stage images share the
ledger's image pipeline (county/ledger/images.py, ``ledger_image``, the same
download route).
"""
