#include "server/rasoatd/report_service.h"

#include "server/rasoatd/raw_unary_call.h"

namespace rasoat {

grpc::ServerUnaryReactor* ReportServiceImpl::CommuneReport(grpc::CallbackServerContext* context,
                                                           const grpc::ByteBuffer* request,
                                                           grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::CommuneReportRequest, v1::CommuneReportResponse>(
      context, read_pool_, gate_, "/rasoat.v1.ReportService/CommuneReport", request, response,
      [this](const identity::Principal& caller, const v1::CommuneReportRequest& call,
             v1::CommuneReportResponse* result) {
        return reports_->CommuneReport(caller, call, result);
      });
}

grpc::ServerUnaryReactor* ReportServiceImpl::ProvinceReport(grpc::CallbackServerContext* context,
                                                            const grpc::ByteBuffer* request,
                                                            grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::ProvinceReportRequest, v1::ProvinceReportResponse>(
      context, read_pool_, gate_, "/rasoat.v1.ReportService/ProvinceReport", request, response,
      [this](const identity::Principal& caller, const v1::ProvinceReportRequest& call,
             v1::ProvinceReportResponse* result) {
        return reports_->ProvinceReport(caller, call, result);
      });
}

grpc::ServerUnaryReactor* ReportServiceImpl::PostingList(grpc::CallbackServerContext* context,
                                                         const grpc::ByteBuffer* request,
                                                         grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::PostingListRequest, v1::PostingListResponse>(
      context, read_pool_, gate_, "/rasoat.v1.ReportService/PostingList", request, response,
      [this](const identity::Principal& caller, const v1::PostingListRequest& call,
             v1::PostingListResponse* result) {
        return reports_->PostingList(caller, call, result);
      });
}

}  // namespace rasoat
