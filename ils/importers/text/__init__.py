"""The text importer: ILS exports as text (tab-separated tables), markdown/HTML or PDF text."""
