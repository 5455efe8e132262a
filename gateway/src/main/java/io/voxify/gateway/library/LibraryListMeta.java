package io.voxify.gateway.library;

import io.voxify.gateway.web.Envelope;
import io.voxify.gateway.web.PageMeta;

/** The library list's {@code meta}: the pagination as every list has it, then what each filter could take. */
record LibraryListMeta(PageMeta pagination, LibraryFilters filters) implements Envelope.Meta {}
