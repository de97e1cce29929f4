// compact.cpp — merging databases with Xapian's compactor.
#include "internal.hpp"

extern "C" {

int cxapian_compact(const char *const *sources, size_t count, const char *destination,
                    int no_renumber, cxapian_error *err) {
    return cxapian::guarded(err, [&] {
        if (count == 0 || sources == nullptr) {
            throw Xapian::InvalidArgumentError("compaction needs at least one source database");
        }
        if (destination == nullptr) {
            throw Xapian::InvalidArgumentError("compaction destination is NULL");
        }
        Xapian::Database combined;
        for (size_t i = 0; i < count; ++i) {
            if (sources[i] == nullptr) {
                throw Xapian::InvalidArgumentError("compaction source path is NULL");
            }
            combined.add_database(Xapian::Database(sources[i]));
        }
        combined.compact(destination, no_renumber ? Xapian::DBCOMPACT_NO_RENUMBER : 0);
    });
}

}  // extern "C"
