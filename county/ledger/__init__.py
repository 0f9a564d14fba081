"""The village finance ledger (村级财务, issue 17): entries per village and month
imported from the township agency's spreadsheets, their voucher images, and
what travels to the village's own terminals.

``models`` the tables; ``amounts`` / ``sheet`` reading a messy ledger file;
``images`` checking and re-encoding voucher images; ``store`` replacing a
village's month; ``api`` the image download route.
"""
