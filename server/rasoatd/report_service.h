// ReportServiceImpl serves rasoat.v1.ReportService: it hands each call to sync/'s
// ReportService, for the caller the CallGate admitted, and maps the status; it checks nothing of
// the domain itself. Its methods are raw (raw_messages.h): a request that is not a valid
// message is refused with INVALID_ARGUMENT saying where.
//
// Thread-safety: gRPC calls it from many threads; the service and the pool are thread-safe.
// Every call reads many households (and may classify again) and runs on the read pool, never on
// gRPC's callback threads.
#pragma once

#include "rasoat/v1/report.grpc.pb.h"
#include "server/rasoatd/call_gate.h"
#include "server/rasoatd/worker_pool.h"
#include "sync/review/report_service.h"

namespace rasoat {

using RawReportService = v1::ReportService::WithRawCallbackMethod_CommuneReport<
    v1::ReportService::WithRawCallbackMethod_ProvinceReport<
        v1::ReportService::WithRawCallbackMethod_PostingList<v1::ReportService::Service>>>;

// Each method takes the rasoat.v1 request of its name and answers its response.
class ReportServiceImpl final : public RawReportService {
 public:
  // None is owned; all must outlive the server.
  ReportServiceImpl(const ReportService* reports, const CallGate* gate, WorkerPool* read_pool)
      : reports_(reports), gate_(gate), read_pool_(read_pool) {}

  grpc::ServerUnaryReactor* CommuneReport(grpc::CallbackServerContext* context,
                                          const grpc::ByteBuffer* request,
                                          grpc::ByteBuffer* response) override;

  grpc::ServerUnaryReactor* ProvinceReport(grpc::CallbackServerContext* context,
                                           const grpc::ByteBuffer* request,
                                           grpc::ByteBuffer* response) override;

  grpc::ServerUnaryReactor* PostingList(grpc::CallbackServerContext* context,
                                        const grpc::ByteBuffer* request,
                                        grpc::ByteBuffer* response) override;

 private:
  const ReportService* const reports_;  // not owned
  const CallGate* const gate_;          // not owned
  WorkerPool* const read_pool_;         // not owned
};

}  // namespace rasoat
