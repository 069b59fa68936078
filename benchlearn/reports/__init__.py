"""Exports as bytes: the municipality report and the network meeting pack (PDF and workbook), CSV files.

Nothing here touches the store: builders take DataFrames or the objects the api assembles and return bytes.
"""
