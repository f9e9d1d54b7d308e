/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-sample"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-sample.h"
#include "crm-customer-store-private.h"
#include "crm-customer.h"
#include "crm-province.h"
#include "crm-store-private.h"
#include "crm-text.h"
#include "crm-user-store-private.h"

/* Realistic Vietnamese sample data.  The demo is a small office whose every
 * screen has something to show; the bench fill writes the same kind of rows
 * by the hundred thousand, so its inner loop reuses prepared statements and
 * commits in batches.  All randomness comes from one GRand: the same seed
 * gives the same data (dates are relative to today). */

#define BATCH_ROWS        50000
#define BULK_CACHE_KIB    262144
#define VN_OFFSET         (7 * 3600)  /* Asia/Ho_Chi_Minh, no daylight saving */
#define DAY               86400
#define UNIX_EPOCH_JULIAN 719163      /* GDate's day number of 1970-01-01 */
#define DEMO_SEED         20260101
#define DEMO_CUSTOMERS    150
#define MAX_LINES         5
#define TIME_LEN          24
#define DATE_LEN          12
#define OFFICE_DOMAIN     "saomai.vn"

typedef struct
{
  const char *text;
  guint       weight;
} Weighted;

/* Family names weighted roughly by how common they are. */
static const Weighted family_names[] = {
  { "Nguyễn", 380 }, { "Trần", 110 }, { "Lê", 95 }, { "Phạm", 70 }, { "Hoàng", 35 },
  { "Huỳnh", 25 }, { "Phan", 45 }, { "Vũ", 25 }, { "Võ", 25 }, { "Đặng", 20 },
  { "Bùi", 20 }, { "Đỗ", 15 }, { "Hồ", 13 }, { "Ngô", 13 }, { "Dương", 10 },
  { "Lý", 5 },
};

static const char *const male_middle_names[] = {
  "Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Xuân",
  "Hoàng", "Trọng", "Duy", "Anh", "Ngọc",
};

static const char *const female_middle_names[] = {
  "Thị", "Thị", "Thị", "Thị", "Ngọc", "Thanh", "Thu", "Minh", "Kim", "Bích",
  "Hồng", "Phương", "Thùy", "Mỹ",
};

static const char *const male_given_names[] = {
  "An", "Bình", "Cường", "Dũng", "Đức", "Hải", "Hiếu", "Hoàng", "Hùng", "Huy",
  "Khánh", "Khoa", "Long", "Minh", "Nam", "Phong", "Phúc", "Quân", "Quang",
  "Sơn", "Tài", "Thắng", "Thành", "Trung", "Tuấn", "Việt", "Vinh", "Gia Huy",
  "Minh Khôi", "Đức Anh",
};

static const char *const female_given_names[] = {
  "Anh", "Chi", "Hà", "Hạnh", "Hằng", "Hương", "Huyền", "Lan", "Linh", "Loan",
  "Mai", "Ngọc Ánh", "Nhung", "Phương", "Quỳnh", "Thảo", "Trang", "Thủy",
  "Uyên", "Vân", "Yến", "Hoa", "Oanh", "Giang", "Khánh", "Bảo Ngọc", "Minh Anh",
};

static const char *const occupations[] = {
  "Kế toán", "Giáo viên", "Kỹ sư xây dựng", "Kinh doanh tự do", "Bác sĩ",
  "Nhân viên văn phòng", "Chủ cửa hàng", "Lập trình viên", "Dược sĩ",
  "Kiến trúc sư", "Luật sư", "Sinh viên",
};

static const Weighted company_forms[] = {
  { "Công ty TNHH", 55 }, { "Công ty Cổ phần", 30 }, { "Công ty TNHH Một thành viên", 8 },
  { "Doanh nghiệp tư nhân", 7 },
};

static const struct
{
  const char *name;
  const char *industry;
} company_sectors[] = {
  { "Thương mại", "Thương mại" },
  { "Thương mại Dịch vụ", "Thương mại – Dịch vụ" },
  { "Xây dựng", "Xây dựng" },
  { "Công nghệ", "Công nghệ thông tin" },
  { "Giải pháp Phần mềm", "Công nghệ thông tin" },
  { "Sản xuất và Thương mại", "Sản xuất" },
  { "Vận tải", "Vận tải – Logistics" },
  { "Xuất nhập khẩu", "Xuất nhập khẩu" },
  { "Thực phẩm", "Thực phẩm – Đồ uống" },
  { "Dược phẩm", "Y tế – Dược" },
  { "Địa ốc", "Bất động sản" },
  { "Du lịch", "Du lịch – Khách sạn" },
  { "Giáo dục", "Giáo dục – Đào tạo" },
  { "Nông sản", "Nông nghiệp" },
};

static const char *const company_stems[] = {
  "Đại Phát", "Hưng Thịnh", "Minh Long", "Phú Gia", "Sao Việt", "Thành Công",
  "An Khang", "Hoàng Gia", "Tân Phát", "Phúc Lộc", "Bảo Minh", "Nam Việt",
  "Trường Sơn", "Hòa Bình", "Kim Ngân", "Thịnh Vượng", "Việt Tiến", "Đông Á",
  "Hồng Hà", "Sông Hàn", "Tiến Thành", "Ánh Dương", "Phương Nam", "Thiên Long",
  "Vạn Xuân", "Đức Minh", "Hải Âu", "Bình An", "Trí Việt", "Lộc Phát",
};

static const char *const streets[] = {
  "Lê Lợi", "Trần Hưng Đạo", "Nguyễn Huệ", "Hai Bà Trưng", "Lý Thường Kiệt",
  "Nguyễn Trãi", "Quang Trung", "Lê Duẩn", "Điện Biên Phủ", "Cách Mạng Tháng Tám",
  "Võ Văn Tần", "Nguyễn Thị Minh Khai", "Phan Chu Trinh", "Bạch Đằng", "Hùng Vương",
  "Trần Phú", "Lê Thánh Tông", "Nguyễn Văn Cừ", "Phạm Văn Đồng", "Võ Nguyên Giáp",
};

static const char *const hanoi_wards[] = {
  "Phường Hoàn Kiếm", "Phường Ba Đình", "Phường Cầu Giấy", "Phường Đống Đa",
  "Phường Hai Bà Trưng", "Phường Tây Hồ", "Phường Thanh Xuân", "Phường Long Biên",
  "Phường Hà Đông", "Xã Đông Anh", "Xã Gia Lâm", NULL,
};

static const char *const saigon_wards[] = {
  "Phường Sài Gòn", "Phường Bến Thành", "Phường Tân Định", "Phường Bàn Cờ",
  "Phường Xuân Hòa", "Phường Thủ Đức", "Phường Bình Thạnh", "Phường Gò Vấp",
  "Phường Tân Sơn Nhất", "Phường Thủ Dầu Một", "Phường Vũng Tàu", "Xã Củ Chi", NULL,
};

static const char *const danang_wards[] = {
  "Phường Hải Châu", "Phường Thanh Khê", "Phường Sơn Trà", "Phường Ngũ Hành Sơn",
  "Phường Hội An", "Phường Tam Kỳ", NULL,
};

static const char *const haiphong_wards[] = {
  "Phường Hồng Bàng", "Phường Lê Chân", "Phường Ngô Quyền", "Phường Hải Dương",
  "Phường Kiến An", NULL,
};

static const char *const cantho_wards[] = {
  "Phường Ninh Kiều", "Phường Cái Khế", "Phường Cái Răng", "Phường Sóc Trăng",
  "Phường Vị Thanh", NULL,
};

/* Ward names found in many provinces, for the others. */
static const char *const common_wards[] = {
  "Phường Trần Phú", "Phường Quang Trung", "Phường Hòa Bình", "Phường Tân An",
  "Phường Long Bình", "Xã Tân Phú", "Xã An Phú", "Xã Phú Mỹ", "Xã Thanh Sơn",
  "Xã Hòa Thuận", "Xã Tân Hiệp", NULL,
};

static const struct
{
  const char        *code;
  guint              weight;
  const char        *tax_prefix;
  const char        *area_code;   /* landline, after +84 */
  const char *const *wards;
} province_profiles[] = {
  { "ho-chi-minh", 28, "03", "28", saigon_wards },
  { "ha-noi", 24, "01", "24", hanoi_wards },
  { "da-nang", 6, "04", "236", danang_wards },
  { "hai-phong", 5, "02", "225", haiphong_wards },
  { "can-tho", 4, "18", "292", cantho_wards },
  { "dong-nai", 4, "36", "251", NULL },
  { "bac-ninh", 3, "23", "222", NULL },
  { "khanh-hoa", 3, "42", "258", NULL },
  { "quang-ninh", 3, "57", "203", NULL },
};

/* Mobile prefixes after +84 (Viettel, VinaPhone, MobiFone, Vietnamobile). */
static const char *const mobile_prefixes[] = {
  "90", "91", "93", "94", "96", "97", "98", "86", "88", "89", "32", "33", "34",
  "35", "36", "37", "38", "39", "70", "76", "77", "78", "79", "81", "82", "83",
  "84", "85", "56", "58",
};

static const Weighted email_domains[] = {
  { "gmail.com", 70 }, { "yahoo.com", 12 }, { "outlook.com", 8 }, { "icloud.com", 5 },
  { "hotmail.com", 5 },
};

static const Weighted customer_statuses[] = {
  { "lead", 25 }, { "prospect", 25 }, { "customer", 40 }, { "inactive", 10 },
};

static const Weighted customer_sources[] = {
  { "website", 20 }, { "store", 10 }, { "referral", 20 }, { "phone", 15 }, { "social", 15 },
  { "marketplace", 5 }, { "campaign", 10 }, { "other", 5 },
};

static const char *const person_needs[] = {
  "Cần mua máy tính xách tay cho con học đại học",
  "Quan tâm máy lọc nước cho gia đình",
  "Muốn lắp camera an ninh cho cửa hàng",
  "Tìm phần mềm bán hàng cho cửa hàng nhỏ",
  "Cần máy in màu để in ảnh",
};

static const char *const company_needs[] = {
  "Trang bị 20 máy tính cho văn phòng mới",
  "Tìm giải pháp hóa đơn điện tử",
  "Cần bảo trì hệ thống mạng hằng tháng",
  "Mở rộng chi nhánh, cần nội thất văn phòng",
  "Chuyển sang phần mềm kế toán trên đám mây",
  "Lắp hệ thống camera cho nhà xưởng",
};

static const char *const customer_notes[] = {
  "Liên hệ trong giờ hành chính",
  "Thích trao đổi qua Zalo",
  "Thanh toán chuyển khoản, cần xuất hóa đơn GTGT",
  "Khách được giới thiệu qua hội chợ",
  "Hay hỏi về chính sách bảo hành",
};

static const char *const contact_positions[] = {
  "Giám đốc", "Phó giám đốc", "Trưởng phòng hành chính", "Kế toán trưởng",
  "Trưởng phòng mua hàng", "Nhân viên IT", "Thư ký",
};

static const char *const tag_names[] = {
  "Khách quen", "Ưu tiên", "Đã mua lại", "Hội chợ 2026", "Cần chăm sóc", "Zalo OA",
};

/* The office's own people: two sales teams, a manager and staff each. */
static const char *const team_names[] = { "Kinh doanh miền Bắc", "Kinh doanh miền Nam" };

static const struct
{
  const char *full_name;
  const char *login;
  CrmRole     role;
  guint       team;
  const char *phone;
} office_users[] = {
  { "Nguyễn Thị Lan", "lan.nguyen", CRM_ROLE_MANAGER, 0, "+84912300101" },
  { "Trần Văn Hùng", "hung.tran", CRM_ROLE_STAFF, 0, "+84912300102" },
  { "Phạm Thu Trang", "trang.pham", CRM_ROLE_STAFF, 0, "+84912300103" },
  { "Đỗ Minh Quân", "quan.do", CRM_ROLE_STAFF, 0, "+84912300104" },
  { "Lê Hoàng Nam", "nam.le", CRM_ROLE_MANAGER, 1, "+84903300201" },
  { "Võ Thị Mai", "mai.vo", CRM_ROLE_STAFF, 1, "+84903300202" },
  { "Huỳnh Đức Thành", "thanh.huynh", CRM_ROLE_STAFF, 1, "+84903300203" },
};

/* The customer tree; parent is an index into this table or -1. */
static const struct
{
  const char *name;
  int         parent;
} category_tree[] = {
  { "Khách hàng tiềm năng", -1 },
  { "Khách hàng", -1 },
  { "Khách lẻ", 1 },
  { "VIP", 1 },
  { "Đại lý", -1 },
  { "Đại lý cấp 1", 4 },
  { "Đại lý cấp 2", 4 },
  { "Doanh nghiệp", -1 },
  { "Doanh nghiệp nhỏ và vừa", 7 },
  { "Tập đoàn", 7 },
};

enum
{
  CATEGORY_PROSPECT = 0,
  CATEGORY_RETAIL = 2,
  CATEGORY_VIP = 3,
  CATEGORY_AGENT_1 = 5,
  CATEGORY_AGENT_2 = 6,
  CATEGORY_SME = 8,
  CATEGORY_CORPORATE = 9,
};

static const char *const product_categories[] = {
  "Thiết bị văn phòng", "Vật tư", "Phần mềm", "Dịch vụ", "Nội thất", "Sức khỏe – Tiện ích",
};

/* VAT: 8 % for most goods until 31/12/2026 (Decree 174/2025), 10 % for IT
 * services, 5 % for water and medical goods, 0 % for software. */
static const struct
{
  const char *name;
  const char *unit;
  gint64      price;
  gint64      cost;
  gint64      vat_bp;
  guint       category;
} catalogue[] = {
  { "Máy tính xách tay Dell Latitude 3440", "cái", 18900000, 16200000, 800, 0 },
  { "Máy tính để bàn HP ProDesk 400 G9", "bộ", 15500000, 13100000, 800, 0 },
  { "Màn hình Dell 24 inch P2425H", "cái", 4690000, 3900000, 800, 0 },
  { "Máy in laser Canon LBP 2900", "cái", 3850000, 3200000, 800, 0 },
  { "Máy in đa năng Brother MFC-L2701D", "cái", 6290000, 5350000, 800, 0 },
  { "Máy chiếu Epson EB-X51", "cái", 11900000, 10100000, 800, 0 },
  { "Bộ lưu điện UPS Santak 1 kVA", "bộ", 2750000, 2200000, 800, 0 },
  { "Bàn phím và chuột không dây Logitech MK270", "bộ", 590000, 430000, 800, 0 },
  { "Ổ cứng SSD Samsung 1 TB", "cái", 2190000, 1850000, 800, 0 },
  { "Bộ phát Wi-Fi TP-Link Archer AX23", "cái", 1450000, 1150000, 800, 0 },
  { "Camera IP Hikvision 2 MP", "cái", 1250000, 950000, 800, 0 },
  { "Máy chấm công vân tay Ronald Jack", "cái", 2900000, 2300000, 800, 0 },
  { "Máy hủy tài liệu Silicon PS-812C", "cái", 4500000, 3700000, 800, 0 },
  { "Điện thoại IP Yealink T31P", "cái", 1390000, 1100000, 800, 0 },
  { "Giấy in A4 Double A 80 gsm", "ram", 85000, 68000, 800, 1 },
  { "Mực in Canon 325 chính hãng", "hộp", 1350000, 1080000, 800, 1 },
  { "Cáp mạng Cat6 AMP (305 m)", "cuộn", 3200000, 2650000, 800, 1 },
  { "Pin tiểu Panasonic AA (hộp 40 viên)", "hộp", 260000, 190000, 800, 1 },
  { "Phần mềm kế toán MISA SME (1 năm)", "gói", 9950000, 7500000, 0, 2 },
  { "Microsoft 365 Business Standard (1 người dùng)", "tháng", 312000, 270000, 0, 2 },
  { "Phần mềm quản lý bán hàng (5 người dùng)", "gói", 4800000, 3000000, 0, 2 },
  { "Phần mềm diệt virus Kaspersky (3 máy, 1 năm)", "gói", 690000, 520000, 0, 2 },
  { "Chữ ký số USB Token (1 năm)", "gói", 1650000, 1200000, 0, 2 },
  { "Hóa đơn điện tử (gói 1.000 số)", "gói", 1200000, 800000, 0, 2 },
  { "Lắp đặt và cấu hình mạng LAN", "gói", 6500000, 3500000, 1000, 3 },
  { "Bảo trì hệ thống máy tính", "tháng", 3000000, 1600000, 1000, 3 },
  { "Hỗ trợ kỹ thuật tại chỗ", "giờ", 350000, 150000, 1000, 3 },
  { "Đào tạo sử dụng phần mềm", "giờ", 500000, 200000, 1000, 3 },
  { "Thiết kế website doanh nghiệp", "gói", 25000000, 12000000, 1000, 3 },
  { "Lưu trữ đám mây 100 GB", "tháng", 150000, 60000, 1000, 3 },
  { "Tên miền .vn (1 năm)", "gói", 750000, 450000, 1000, 3 },
  { "Vận chuyển và lắp đặt nội thành", "gói", 500000, 300000, 800, 3 },
  { "Tư vấn chuyển đổi số", "giờ", 1200000, 500000, 800, 3 },
  { "Bàn làm việc 1,2 m gỗ công nghiệp", "cái", 2350000, 1700000, 800, 4 },
  { "Ghế xoay văn phòng lưng lưới", "cái", 1490000, 1050000, 800, 4 },
  { "Tủ hồ sơ sắt 4 ngăn", "cái", 3150000, 2400000, 800, 4 },
  { "Bộ bàn họp 8 chỗ", "bộ", 12500000, 9400000, 800, 4 },
  { "Nước uống đóng bình 20 lít", "bình", 60000, 38000, 500, 5 },
  { "Máy đo huyết áp Omron HEM-7121", "cái", 950000, 720000, 500, 5 },
  { "Tủ thuốc sơ cứu văn phòng", "bộ", 650000, 430000, 500, 5 },
};

typedef struct
{
  const char *kind;
  const char *channel;
  guint       weight;
  const char *summaries[4];
  const char *outcomes[3];
} InteractionKind;

static const InteractionKind interaction_kinds[] = {
  { "call", "phone", 35,
    { "Gọi điện giới thiệu sản phẩm mới", "Gọi hỏi nhu cầu trang bị cuối năm",
      "Gọi nhắc lịch hẹn", "Khách gọi hỏi giá" },
    { "Khách quan tâm, hẹn gửi báo giá", "Chưa có nhu cầu, gọi lại sau 3 tháng",
      "Không nghe máy, gọi lại sau" } },
  { "email", "email", 15,
    { "Gửi catalogue sản phẩm qua email", "Trả lời câu hỏi về chính sách bảo hành",
      "Gửi thông tin chương trình khuyến mãi", "Gửi hướng dẫn sử dụng" },
    { "Khách đã đọc, chưa phản hồi", "Khách hẹn trao đổi thêm", NULL } },
  { "chat", "zalo", 15,
    { "Nhắn Zalo hỏi tình trạng đơn hàng", "Khách nhắn Zalo hỏi giá máy in",
      "Gửi ảnh sản phẩm qua Zalo", "Khách hỏi thời gian giao hàng" },
    { "Đã trả lời khách", "Khách hẹn ghé cửa hàng", NULL } },
  { "meeting", "in_person", 10,
    { "Gặp trực tiếp tại văn phòng khách hàng", "Trình bày giải pháp cho ban giám đốc",
      "Khảo sát hiện trạng hệ thống mạng", "Khách đến xem hàng tại showroom" },
    { "Khách đồng ý nhận báo giá", "Cần trình lãnh đạo duyệt", "Khách chọn phương án 2" } },
  { "note", NULL, 8,
    { "Khách chuyển văn phòng từ tháng sau", "Kế toán mới phụ trách thanh toán",
      "Khách nghỉ Tết từ 25 tháng Chạp", "Đổi người liên hệ chính" },
    { NULL, NULL, NULL } },
  { "care_call", "phone", 5,
    { "Gọi chăm sóc sau 30 ngày sử dụng", "Gọi hỏi thăm tình trạng thiết bị",
      "Nhắc lịch bảo trì định kỳ", "Gọi chúc mừng sinh nhật" },
    { "Khách hài lòng", "Khách báo máy in hơi ồn, hẹn kỹ thuật kiểm tra", NULL } },
  { "care_visit", "in_person", 4,
    { "Thăm khách hàng định kỳ", "Kỹ thuật ghé kiểm tra hệ thống", NULL, NULL },
    { "Hệ thống hoạt động tốt", "Đề xuất nâng cấp bộ lưu điện", NULL } },
  { "care_thanks", "zalo", 4,
    { "Gửi lời cảm ơn sau khi ký hợp đồng", "Gửi quà tri ân cuối năm", NULL, NULL },
    { NULL, NULL, NULL } },
  { "care_survey", "email", 4,
    { "Khảo sát mức độ hài lòng sau giao hàng", "Gửi phiếu khảo sát dịch vụ", NULL, NULL },
    { "Khách chấm 9/10", "Khách góp ý giao hàng chậm", NULL } },
};

typedef struct
{
  gint64   id;
  gint64   team_id;
  CrmRole  role;
  char    *full_name;
} SampleUser;

typedef struct
{
  gint64  id;
  char   *code;
  char   *name;
  char   *unit;
  gint64  price;
  gint64  cost;
  gint64  vat_bp;
  gint64  vip_price;  /* 0 when not on the VIP price list */
} SampleProduct;

/* What later rows need to know about a customer already written. */
typedef struct
{
  gint64             id;
  char              *code;
  char              *name;
  CrmCustomerKind    kind;
  CrmCustomerStatus  status;
  gint64             assigned_to;
  gboolean           vip;
  char              *email;
  char              *contact_name;
  char              *contact_position;
  char              *contact_email;
  gint64             contact_id;
  char              *salutation;     /* "chị Lan": the person, or a company's contact */
  char              *address;
  gboolean           from_campaign;
  gint64             opportunity_id; /* the last one */
  gint64             last_order_id;
} SampleCustomer;

typedef struct
{
  gint64      product_id;
  const char *description;
  const char *unit;
  gint64      quantity_milli;
  gint64      unit_price;
  gint64      unit_cost;
  gint64      discount_bp;
  gint64      vat_bp;
  const char *price_source;
} SampleLine;

typedef struct
{
  SampleLine lines[MAX_LINES];
  guint      n_lines;
  gint64     subtotal;
  gint64     discount_total;
  gint64     vat_total;
  gint64     grand_total;
} SampleDoc;

typedef struct
{
  CrmStore   *store;
  CrmSession *admin;
  gint64      admin_id;
  GRand      *rand;
  gint64      now;                  /* Unix seconds */
  char        now_text[TIME_LEN];
  gint64      today;                /* days since 1970-01-01, Vietnam time */
  GArray     *users;                /* SampleUser: managers and staff */
  gint64      teams[G_N_ELEMENTS (team_names)];
  gint64      categories[G_N_ELEMENTS (category_tree)];
  GArray     *tags;                 /* gint64 */
  GArray     *products;             /* SampleProduct */
  GPtrArray  *customers;            /* SampleCustomer, demo only */
  GArray     *province_weights;     /* guint, parallel to crm_provinces() */
  GArray     *times;                /* gint64 scratch for interaction times */
  GPtrArray  *trigger_sql;          /* name, CREATE TRIGGER statement of search_docs */
  gint64      cache_size;           /* the connection's own, during a bulk load */
  guint64     rows;
} Fill;

/* Randomness ------------------------------------------------------------- */

static guint
random_between (Fill *fill,
                guint low,
                guint high)
{
  return (guint) g_rand_int_range (fill->rand, (gint32) low, (gint32) high + 1);
}

static gboolean
random_percent (Fill *fill,
                guint percent)
{
  return g_rand_int_range (fill->rand, 0, 100) < (gint32) percent;
}

static const char *
pick_string (Fill              *fill,
             const char *const *items,
             guint              n_items)
{
  return items[g_rand_int_range (fill->rand, 0, (gint32) n_items)];
}

#define PICK(fill, array) pick_string ((fill), (array), G_N_ELEMENTS (array))

static guint
pick_weighted_index (Fill           *fill,
                     const Weighted *items,
                     guint           n_items)
{
  guint total = 0, roll;

  for (guint i = 0; i < n_items; i++)
    total += items[i].weight;
  roll = (guint) g_rand_int_range (fill->rand, 0, (gint32) total);
  for (guint i = 0; i < n_items; i++)
    {
      if (roll < items[i].weight)
        return i;
      roll -= items[i].weight;
    }
  return n_items - 1;
}

#define PICK_WEIGHTED(fill, array) \
  ((array)[pick_weighted_index ((fill), (array), G_N_ELEMENTS (array))].text)

static const char *
pick_null_terminated (Fill              *fill,
                      const char *const *items)
{
  guint n = 0;

  while (items[n] != NULL)
    n++;
  return pick_string (fill, items, n);
}

/* Time: stored timestamps are UTC, business dates are Vietnam's. ---------- */

static void
format_timestamp (gint64 unix_time,
                  char   out[TIME_LEN])
{
  gint64 days = unix_time >= 0 ? unix_time / DAY : (unix_time - DAY + 1) / DAY;
  gint64 seconds = unix_time - days * DAY;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) (days + UNIX_EPOCH_JULIAN));
  g_snprintf (out, TIME_LEN, "%04d-%02d-%02dT%02d:%02d:%02dZ",
              g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date),
              (int) (seconds / 3600), (int) (seconds / 60 % 60), (int) (seconds % 60));
}

static void
format_day (gint64 day,
            char   out[DATE_LEN])
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) (day + UNIX_EPOCH_JULIAN));
  g_snprintf (out, DATE_LEN, "%04d-%02d-%02d",
              g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
}

static int
year_of_day (gint64 day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) (day + UNIX_EPOCH_JULIAN));
  return g_date_get_year (&date);
}

static gint64
day_of_time (gint64 unix_time)
{
  return (unix_time + VN_OFFSET) / DAY;
}

/* A Vietnam wall-clock time on @day as Unix seconds. */
static gint64
local_time (gint64 day,
            guint  hour,
            guint  minute)
{
  return day * DAY + hour * 3600 + minute * 60 - VN_OFFSET;
}

/* A moment during office hours (8:00–17:30), @days_ago days before today. */
static gint64
office_time_days_ago (Fill  *fill,
                      guint  days_ago)
{
  gint64 day = fill->today - days_ago;
  gint64 t = local_time (day, random_between (fill, 8, 17), random_between (fill, 0, 59));

  return MIN (t, fill->now);
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Small text builders ----------------------------------------------------- */

/* Folded and stripped of everything but letters and digits: "Ngọc Ánh" →
 * "ngocanh", for logins, e-mail addresses and domains. */
static char *
ascii_word (const char *text)
{
  g_autofree char *folded = crm_text_fold (text);
  GString *out = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static void
json_append_string (GString    *json,
                    const char *text)
{
  g_string_append_c (json, '"');
  for (const char *p = text ? text : ""; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (json, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (json, "\\u%04x", (guint) (guchar) *p);
      else
        g_string_append_c (json, *p);
    }
  g_string_append_c (json, '"');
}

/* Money: integer đồng, half up. -------------------------------------------- */

static gint64
divide_half_up (gint64 numerator,
                gint64 denominator)
{
  return (numerator + denominator / 2) / denominator;
}

/* Line amounts: gross = quantity × price, discount and VAT in basis points,
 * each rounded half up to a whole đồng; document totals are their sums. */
static void
doc_compute_totals (SampleDoc *doc)
{
  doc->subtotal = doc->discount_total = doc->vat_total = 0;
  for (guint i = 0; i < doc->n_lines; i++)
    {
      const SampleLine *line = &doc->lines[i];
      gint64 gross = divide_half_up (line->quantity_milli * line->unit_price, 1000);
      gint64 discount = divide_half_up (gross * line->discount_bp, 10000);
      gint64 vat = divide_half_up ((gross - discount) * line->vat_bp, 10000);

      doc->subtotal += gross;
      doc->discount_total += discount;
      doc->vat_total += vat;
    }
  doc->grand_total = doc->subtotal - doc->discount_total + doc->vat_total;
}

/* The fill's state ---------------------------------------------------------- */

static void
sample_user_clear (gpointer data)
{
  SampleUser *user = data;

  g_free (user->full_name);
}

static void
sample_product_clear (gpointer data)
{
  SampleProduct *product = data;

  g_free (product->code);
  g_free (product->name);
  g_free (product->unit);
}

static void
sample_customer_free (gpointer data)
{
  SampleCustomer *customer = data;

  g_free (customer->code);
  g_free (customer->name);
  g_free (customer->email);
  g_free (customer->contact_name);
  g_free (customer->contact_position);
  g_free (customer->contact_email);
  g_free (customer->salutation);
  g_free (customer->address);
  g_free (customer);
}

static guint
province_weight (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (province_profiles); i++)
    if (strcmp (province_profiles[i].code, code) == 0)
      return province_profiles[i].weight;
  return 1;
}

static Fill *
fill_new (CrmStore   *store,
          CrmSession *admin,
          guint32     seed)
{
  Fill *fill = g_new0 (Fill, 1);
  guint n_provinces = 0;
  const CrmProvince *provinces = crm_provinces (&n_provinces);

  fill->store = store;
  fill->admin = admin;
  fill->admin_id = crm_session_get_user_id (admin);
  fill->rand = g_rand_new_with_seed (seed);
  fill->now = g_get_real_time () / G_USEC_PER_SEC;
  format_timestamp (fill->now, fill->now_text);
  fill->today = day_of_time (fill->now);
  fill->users = g_array_new (FALSE, TRUE, sizeof (SampleUser));
  g_array_set_clear_func (fill->users, sample_user_clear);
  fill->tags = g_array_new (FALSE, TRUE, sizeof (gint64));
  fill->products = g_array_new (FALSE, TRUE, sizeof (SampleProduct));
  g_array_set_clear_func (fill->products, sample_product_clear);
  fill->customers = g_ptr_array_new_with_free_func (sample_customer_free);
  fill->province_weights = g_array_new (FALSE, TRUE, sizeof (guint));
  for (guint i = 0; i < n_provinces; i++)
    {
      guint weight = province_weight (provinces[i].code);
      g_array_append_val (fill->province_weights, weight);
    }
  fill->times = g_array_new (FALSE, TRUE, sizeof (gint64));
  fill->trigger_sql = g_ptr_array_new_with_free_func (g_free);
  return fill;
}

static void
fill_free (Fill *fill)
{
  g_rand_free (fill->rand);
  g_array_unref (fill->users);
  g_array_unref (fill->tags);
  g_array_unref (fill->products);
  g_ptr_array_unref (fill->customers);
  g_array_unref (fill->province_weights);
  g_array_unref (fill->times);
  g_ptr_array_unref (fill->trigger_sql);
  g_free (fill);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fill, fill_free)

static const SampleUser *
user_at (Fill  *fill,
         guint  index)
{
  return &g_array_index (fill->users, SampleUser, index);
}

static const SampleUser *
random_user (Fill *fill)
{
  return user_at (fill, random_between (fill, 0, fill->users->len - 1));
}

static const SampleUser *
find_user (Fill   *fill,
           gint64  id)
{
  for (guint i = 0; i < fill->users->len; i++)
    if (user_at (fill, i)->id == id)
      return user_at (fill, i);
  return user_at (fill, 0);
}

static const SampleUser *
team_manager (Fill   *fill,
              gint64  team_id)
{
  for (guint i = 0; i < fill->users->len; i++)
    if (user_at (fill, i)->team_id == team_id && user_at (fill, i)->role == CRM_ROLE_MANAGER)
      return user_at (fill, i);
  return user_at (fill, 0);
}

static const SampleProduct *
product_at (Fill  *fill,
            guint  index)
{
  return &g_array_index (fill->products, SampleProduct, index);
}

static const SampleCustomer *
customer_at (Fill  *fill,
             guint  index)
{
  return g_ptr_array_index (fill->customers, index);
}

static SampleCustomer *
random_customer (Fill *fill)
{
  return g_ptr_array_index (fill->customers, random_between (fill, 0, fill->customers->len - 1));
}

/* Statements ---------------------------------------------------------------- */

static gboolean
step_row (Fill          *fill,
          sqlite3_stmt  *stmt,
          GError       **error)
{
  if (!_crm_store_step_done (fill->store, stmt, error))
    return FALSE;
  fill->rows++;
  return TRUE;
}

/* Runs an INSERT and returns the new row's id, 0 on error. */
static gint64
step_insert (Fill          *fill,
             sqlite3_stmt  *stmt,
             GError       **error)
{
  if (!step_row (fill, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (_crm_store_get_db (fill->store));
}

/* The first column of the first row: 0 when there is no row, -1 on error. */
static gint64
step_query_int (Fill          *fill,
                sqlite3_stmt  *stmt,
                GError       **error)
{
  int rc = sqlite3_step (stmt);
  gint64 value = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;

  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (fill->store, rc, error);
      return -1;
    }
  return value;
}

static void
bind_created (Fill         *fill,
              sqlite3_stmt *stmt,
              const char   *at)
{
  _crm_bind_text (stmt, ":now", at ? at : fill->now_text);
  _crm_bind_id (stmt, ":by", fill->admin_id);
}

/* Code, its number groups, and whose document it is. */
static gboolean
put_document_search_doc (Fill                  *fill,
                         const char            *kind,
                         gint64                 id,
                         const SampleCustomer  *customer,
                         const char            *code,
                         GError               **error)
{
  g_autofree char *terms = crm_text_code_search_terms (code);
  g_autofree char *body = g_strjoin (" ", terms, customer->name, customer->code, NULL);

  return _crm_store_put_search_doc (fill->store, kind, id, customer->id, code,
                                    customer->name, body, error);
}

/* Teams, users, categories, tags ------------------------------------------ */

static gint64
ensure_team (Fill        *fill,
             const char  *name,
             GError     **error)
{
  static const char insert_sql[] =
    "INSERT INTO teams (name, created_at, updated_at, created_by) VALUES (:name, :now, :now, :by) "
    "ON CONFLICT (name) DO NOTHING";
  static const char select_sql[] = "SELECT id FROM teams WHERE name = :name";
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (fill->store, insert_sql, error)))
    return 0;
  _crm_bind_text (stmt, ":name", name);
  bind_created (fill, stmt, NULL);
  if (!step_row (fill, stmt, error) ||
      !(stmt = _crm_store_prepare (fill->store, select_sql, error)))
    return 0;
  _crm_bind_text (stmt, ":name", name);
  return MAX (step_query_int (fill, stmt, error), 0);
}

static gboolean
insert_user (Fill        *fill,
             guint        index,
             GError     **error)
{
  static const char sql[] =
    "INSERT INTO users (login, full_name, sort_key, email, phone, role, team_id, may_delete, "
    "  may_see_cost, created_at, updated_at, created_by) "
    "VALUES (:login, :name, :sort, :email, :phone, :role, :team, :manager, :manager, :now, :now, :by) "
    "ON CONFLICT (login) DO NOTHING";
  g_autofree char *sort_key = crm_text_person_sort_key (office_users[index].full_name);
  g_autofree char *email = g_strdup_printf ("%s@%s", office_users[index].login, OFFICE_DOMAIN);
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (fill->store, sql, error)))
    return FALSE;
  _crm_bind_text (stmt, ":login", office_users[index].login);
  _crm_bind_text (stmt, ":name", office_users[index].full_name);
  _crm_bind_text (stmt, ":sort", sort_key);
  _crm_bind_text (stmt, ":email", email);
  _crm_bind_text (stmt, ":phone", office_users[index].phone);
  _crm_bind_text (stmt, ":role", crm_role_to_string (office_users[index].role));
  _crm_bind_id (stmt, ":team", fill->teams[office_users[index].team]);
  _crm_bind_int64 (stmt, ":manager", office_users[index].role == CRM_ROLE_MANAGER);
  bind_created (fill, stmt, NULL);
  return step_row (fill, stmt, error);
}

/* Creates the user unless the login exists, and remembers it as it is. */
static gboolean
ensure_user (Fill        *fill,
             guint        index,
             GError     **error)
{
  static const char sql[] =
    "SELECT id, team_id, role, full_name FROM users WHERE login = :login AND active = 1";
  SampleUser user = { 0, };
  sqlite3_stmt *stmt;
  int rc;

  if (!insert_user (fill, index, error) ||
      !(stmt = _crm_store_prepare (fill->store, sql, error)))
    return FALSE;
  _crm_bind_text (stmt, ":login", office_users[index].login);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      user.id = sqlite3_column_int64 (stmt, 0);
      user.team_id = sqlite3_column_int64 (stmt, 1);
      crm_role_from_string ((const char *) sqlite3_column_text (stmt, 2), &user.role);
      user.full_name = _crm_column_text (stmt, 3);
      g_array_append_val (fill->users, user);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (fill->store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_team_manager (Fill        *fill,
                  gint64       team_id,
                  gint64       manager_id,
                  GError     **error)
{
  static const char sql[] =
    "UPDATE teams SET manager_id = :manager, updated_at = :now WHERE id = :team AND manager_id IS NULL";
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (fill->store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":manager", manager_id);
  _crm_bind_text (stmt, ":now", fill->now_text);
  _crm_bind_int64 (stmt, ":team", team_id);
  return _crm_store_step_done (fill->store, stmt, error);
}

static gboolean
ensure_office (Fill    *fill,
               GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (team_names); i++)
    if (!(fill->teams[i] = ensure_team (fill, team_names[i], error)))
      return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (office_users); i++)
    if (!ensure_user (fill, i, error))
      return FALSE;
  if (fill->users->len == 0)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_FAILED,
                           _("The sample users could not be created."));
      return FALSE;
    }
  for (guint i = 0; i < fill->users->len; i++)
    if (user_at (fill, i)->role == CRM_ROLE_MANAGER && user_at (fill, i)->team_id > 0 &&
        !set_team_manager (fill, user_at (fill, i)->team_id, user_at (fill, i)->id, error))
      return FALSE;
  return TRUE;
}

/* The demo office signs in with known passwords (the README lists them);
 * users who already have a password keep it.  Large fills set none: a
 * hash takes a tenth of a second on purpose. */
#define DEMO_ADMIN_PASSWORD    "quantri-demo"
#define DEMO_MANAGER_PASSWORD  "quanly-demo"
#define DEMO_STAFF_PASSWORD    "nhanvien-demo"

static gboolean
write_demo_passwords (Fill    *fill,
                      GError **error)
{
  if (!_crm_user_store_put_password (fill->store, fill->admin, fill->admin_id, DEMO_ADMIN_PASSWORD,
                                     TRUE, error))
    return FALSE;
  for (guint i = 0; i < fill->users->len; i++)
    {
      const SampleUser *user = user_at (fill, i);
      const char *password = user->role == CRM_ROLE_MANAGER ? DEMO_MANAGER_PASSWORD : DEMO_STAFF_PASSWORD;

      if (!_crm_user_store_put_password (fill->store, fill->admin, user->id, password, TRUE, error))
        return FALSE;
    }
  return TRUE;
}

static gint64
ensure_category (Fill        *fill,
                 guint        index,
                 GError     **error)
{
  static const char select_sql[] =
    "SELECT id FROM categories WHERE name = :name AND parent_id IS :parent";
  static const char insert_sql[] =
    "INSERT INTO categories (parent_id, name, sort_key, position, created_at, updated_at, created_by) "
    "VALUES (:parent, :name, :sort, :position, :now, :now, :by)";
  g_autofree char *sort_key = crm_text_sort_key (category_tree[index].name);
  int parent = category_tree[index].parent;
  sqlite3_stmt *stmt;
  gint64 id;

  if (!(stmt = _crm_store_prepare (fill->store, select_sql, error)))
    return 0;
  _crm_bind_text (stmt, ":name", category_tree[index].name);
  _crm_bind_id (stmt, ":parent", parent >= 0 ? fill->categories[parent] : 0);
  if ((id = step_query_int (fill, stmt, error)) != 0)
    return MAX (id, 0);

  if (!(stmt = _crm_store_prepare (fill->store, insert_sql, error)))
    return 0;
  _crm_bind_id (stmt, ":parent", parent >= 0 ? fill->categories[parent] : 0);
  _crm_bind_text (stmt, ":name", category_tree[index].name);
  _crm_bind_text (stmt, ":sort", sort_key);
  _crm_bind_int64 (stmt, ":position", index);
  bind_created (fill, stmt, NULL);
  return step_insert (fill, stmt, error);
}

static gint64
ensure_tag (Fill        *fill,
            const char  *name,
            GError     **error)
{
  static const char insert_sql[] =
    "INSERT INTO tags (name, created_at, created_by) VALUES (:name, :now, :by) "
    "ON CONFLICT (name) DO NOTHING";
  static const char select_sql[] = "SELECT id FROM tags WHERE name = :name";
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (fill->store, insert_sql, error)))
    return 0;
  _crm_bind_text (stmt, ":name", name);
  bind_created (fill, stmt, NULL);
  if (!step_row (fill, stmt, error) ||
      !(stmt = _crm_store_prepare (fill->store, select_sql, error)))
    return 0;
  _crm_bind_text (stmt, ":name", name);
  return MAX (step_query_int (fill, stmt, error), 0);
}

static gboolean
ensure_categories_and_tags (Fill    *fill,
                            GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (category_tree); i++)
    if (!(fill->categories[i] = ensure_category (fill, i, error)))
      return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (tag_names); i++)
    {
      gint64 id = ensure_tag (fill, tag_names[i], error);

      if (id == 0)
        return FALSE;
      g_array_append_val (fill->tags, id);
    }
  return TRUE;
}

/* Products ------------------------------------------------------------------ */

static gint64
insert_product_category (Fill        *fill,
                         const char  *name,
                         GError     **error)
{
  static const char sql[] =
    "INSERT INTO product_categories (name, created_at, updated_at, created_by) "
    "VALUES (:name, :now, :now, :by)";
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (fill->store, sql, error)))
    return 0;
  _crm_bind_text (stmt, ":name", name);
  bind_created (fill, stmt, NULL);
  return step_insert (fill, stmt, error);
}

static gboolean
insert_product (Fill     *fill,
                guint     index,
                gint64    category_id,
                GError  **error)
{
  static const char sql[] =
    "INSERT INTO products (code, name, sort_key, unit, list_price, cost_price, vat_rate_bp, "
    "  category_id, created_at, updated_at, created_by) "
    "VALUES (:code, :name, :sort, :unit, :price, :cost, :vat, :category, :now, :now, :by)";
  g_autofree char *sort_key = crm_text_sort_key (catalogue[index].name);
  g_autofree char *code = NULL;
  g_autofree char *body = NULL;
  sqlite3_stmt *stmt;
  gint64 number, id;

  if (!(number = _crm_store_next_counter (fill->store, "product", error)) ||
      !(stmt = _crm_store_prepare (fill->store, sql, error)))
    return FALSE;
  code = g_strdup_printf ("SP%04" G_GINT64_FORMAT, number);
  _crm_bind_text (stmt, ":code", code);
  _crm_bind_text (stmt, ":name", catalogue[index].name);
  _crm_bind_text (stmt, ":sort", sort_key);
  _crm_bind_text (stmt, ":unit", catalogue[index].unit);
  _crm_bind_int64 (stmt, ":price", catalogue[index].price);
  _crm_bind_int64 (stmt, ":cost", catalogue[index].cost);
  _crm_bind_int64 (stmt, ":vat", catalogue[index].vat_bp);
  _crm_bind_id (stmt, ":category", category_id);
  bind_created (fill, stmt, NULL);
  if (!(id = step_insert (fill, stmt, error)))
    return FALSE;
  body = g_strdup_printf ("%s %" G_GINT64_FORMAT " %s %s", code, number,
                          catalogue[index].name, product_categories[catalogue[index].category]);
  return _crm_store_put_search_doc (fill->store, "product", id, 0, code, catalogue[index].name,
                                    body, error);
}

static gboolean
insert_catalogue (Fill    *fill,
                  GError **error)
{
  gint64 categories[G_N_ELEMENTS (product_categories)];

  for (guint i = 0; i < G_N_ELEMENTS (product_categories); i++)
    if (!(categories[i] = insert_product_category (fill, product_categories[i], error)))
      return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (catalogue); i++)
    if (!insert_product (fill, i, categories[catalogue[i].category], error))
      return FALSE;
  return TRUE;
}

static gboolean
load_products (Fill    *fill,
               GError **error)
{
  static const char sql[] =
    "SELECT id, code, name, unit, list_price, cost_price, vat_rate_bp FROM products "
    "WHERE active = 1 ORDER BY id";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (fill->store, sql, error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SampleProduct product = { 0, };

      product.id = sqlite3_column_int64 (stmt, 0);
      product.code = _crm_column_text (stmt, 1);
      product.name = _crm_column_text (stmt, 2);
      product.unit = _crm_column_text (stmt, 3);
      product.price = sqlite3_column_int64 (stmt, 4);
      product.cost = sqlite3_column_int64 (stmt, 5);
      product.vat_bp = sqlite3_column_int64 (stmt, 6);
      g_array_append_val (fill->products, product);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (fill->store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
ensure_products (Fill    *fill,
                 GError **error)
{
  static const char sql[] = "SELECT count(*) FROM products WHERE active = 1";
  sqlite3_stmt *stmt;
  gint64 count;

  if (!(stmt = _crm_store_prepare (fill->store, sql, error)) ||
      (count = step_query_int (fill, stmt, error)) < 0)
    return FALSE;
  if (count == 0 && !insert_catalogue (fill, error))
    return FALSE;
  return load_products (fill, error);
}

/* Everything customers refer to: users, teams, categories, tags, products. */
static gboolean
ensure_base (Fill    *fill,
             GError **error)
{
  return ensure_office (fill, error) &&
         ensure_categories_and_tags (fill, error) &&
         ensure_products (fill, error);
}

/* People and companies ------------------------------------------------------ */

typedef struct
{
  const char *family;
  const char *middle;  /* NULL for some two-word given names */
  const char *given;
  gboolean    female;
} PersonName;

static void
make_person_name (Fill       *fill,
                  PersonName *name)
{
  name->female = random_percent (fill, 50);
  name->family = PICK_WEIGHTED (fill, family_names);
  name->given = name->female ? PICK (fill, female_given_names) : PICK (fill, male_given_names);
  if (strchr (name->given, ' ') != NULL)
    name->middle = name->female && random_percent (fill, 50) ? "Thị" : NULL;
  else
    name->middle = name->female ? PICK (fill, female_middle_names) : PICK (fill, male_middle_names);
}

static char *
person_full_name (const PersonName *name)
{
  if (name->middle == NULL)
    return g_strdup_printf ("%s %s", name->family, name->given);
  return g_strdup_printf ("%s %s %s", name->family, name->middle, name->given);
}

/* How staff speak of someone: "chị Lan", "anh Tuấn". */
static char *
person_salutation (const PersonName *name)
{
  const char *last = strrchr (name->given, ' ');

  return g_strdup_printf ("%s %s", name->female ? "chị" : "anh", last ? last + 1 : name->given);
}

/* "tuan.nguyen87@gmail.com", "nguyenvantuan@yahoo.com", "tuannv@daiphat.vn". */
static char *
person_email (Fill             *fill,
              const PersonName *name,
              const char       *company_domain)
{
  g_autofree char *given = ascii_word (name->given);
  g_autofree char *family = ascii_word (name->family);
  g_autofree char *middle = ascii_word (name->middle ? name->middle : "");
  const char *domain = PICK_WEIGHTED (fill, email_domains);
  guint style = random_between (fill, 0, 2);
  guint year = random_between (fill, 70, 99);

  if (company_domain != NULL)
    return middle[0] != '\0'
           ? g_strdup_printf ("%s%c%c@%s", given, family[0], middle[0], company_domain)
           : g_strdup_printf ("%s%c@%s", given, family[0], company_domain);
  if (style == 0)
    return g_strdup_printf ("%s.%s%u@%s", given, family, year, domain);
  if (style == 1)
    return g_strdup_printf ("%s%s%s@%s", family, middle, given, domain);
  return g_strdup_printf ("%s%s%u@%s", given, family, year, domain);
}

static char *
mobile_phone (Fill *fill)
{
  const char *prefix = PICK (fill, mobile_prefixes);

  return g_strdup_printf ("+84%s%07u", prefix, random_between (fill, 0, 9999999));
}

/* Landlines: +84 2x… with ten digits after the country code. */
static char *
landline_phone (Fill       *fill,
                const char *area_code)
{
  static const char *const other_areas[] = { "203", "208", "210", "220", "234", "251", "263", "270", "296" };
  const char *area = area_code ? area_code : PICK (fill, other_areas);
  int width = 10 - (int) strlen (area);

  return g_strdup_printf ("+84%s%0*u", area, width,
                          random_between (fill, 0, width == 8 ? 99999999 : 9999999));
}

static char *
random_birth_date (Fill *fill)
{
  char text[DATE_LEN];

  /* 1962-01-01 … 2004-12-31 */
  format_day ((gint64) random_between (fill, 0, 15705) - 2922, text);
  return g_strdup (text);
}

/* Valid 10-digit tax code: check digit 10 − (Σ dᵢ·wᵢ mod 11), remainder
 * 0 never used. */
static char *
company_tax_code (Fill       *fill,
                  const char *prefix)
{
  static const guint weights[9] = { 31, 29, 23, 19, 17, 13, 7, 5, 3 };
  char digits[11];
  guint remainder;

  do
    {
      guint sum = 0;

      if (prefix != NULL)
        memcpy (digits, prefix, 2);
      else
        g_snprintf (digits, 3, "%02u", random_between (fill, 5, 99));
      for (guint i = 2; i < 9; i++)
        digits[i] = (char) ('0' + random_between (fill, 0, 9));
      for (guint i = 0; i < 9; i++)
        sum += (guint) (digits[i] - '0') * weights[i];
      remainder = sum % 11;
    }
  while (remainder == 0);
  digits[9] = (char) ('0' + 10 - remainder);
  digits[10] = '\0';
  return g_strdup (digits);
}

/* Addresses ------------------------------------------------------------------ */

static gint
find_profile (const char *province_code)
{
  for (guint i = 0; i < G_N_ELEMENTS (province_profiles); i++)
    if (strcmp (province_profiles[i].code, province_code) == 0)
      return (gint) i;
  return -1;
}

static const CrmProvince *
random_province (Fill *fill)
{
  guint n_provinces = 0;
  const CrmProvince *provinces = crm_provinces (&n_provinces);
  guint total = 0, roll;

  for (guint i = 0; i < fill->province_weights->len; i++)
    total += g_array_index (fill->province_weights, guint, i);
  roll = random_between (fill, 0, total - 1);
  for (guint i = 0; i < n_provinces; i++)
    {
      guint weight = g_array_index (fill->province_weights, guint, i);

      if (roll < weight)
        return &provinces[i];
      roll -= weight;
    }
  return &provinces[0];
}

/* "125 Lê Lợi"; Hà Nội's lanes "Số 12 ngõ 45 Trần Phú"; Sài Gòn's alleys "45/12 Lê Lợi". */
static char *
street_address (Fill       *fill,
                const char *province_code)
{
  guint number = random_between (fill, 1, 350);
  guint lane = random_between (fill, 2, 120);
  guint form = random_between (fill, 0, 9);
  const char *street = PICK (fill, streets);

  if (form < 3 && strcmp (province_code, "ha-noi") == 0)
    return g_strdup_printf ("Số %u ngõ %u %s", number % 60 + 1, lane, street);
  if (form < 3 && strcmp (province_code, "ho-chi-minh") == 0)
    return g_strdup_printf ("%u/%u %s", lane, number % 60 + 1, street);
  return g_strdup_printf ("%u %s", number, street);
}

static void
set_address (Fill        *fill,
             CrmCustomer *customer)
{
  const CrmProvince *province = random_province (fill);
  gint profile = find_profile (province->code);
  const char *const *wards = profile >= 0 && province_profiles[profile].wards
                             ? province_profiles[profile].wards : common_wards;

  customer->province_code = g_strdup (province->code);
  customer->ward = g_strdup (pick_null_terminated (fill, wards));
  customer->street = street_address (fill, province->code);
}

/* Customers ------------------------------------------------------------------- */

static CrmCustomer *
generate_person (Fill       *fill,
                 PersonName *name)
{
  CrmCustomer *customer = crm_customer_new ();

  make_person_name (fill, name);
  customer->kind = CRM_CUSTOMER_KIND_PERSON;
  customer->full_name = person_full_name (name);
  customer->gender = g_strdup (name->female ? "female" : "male");
  if (random_percent (fill, 80))
    customer->birth_date = random_birth_date (fill);
  if (random_percent (fill, 70))
    customer->occupation = g_strdup (PICK (fill, occupations));
  set_address (fill, customer);
  g_ptr_array_add (customer->phones, mobile_phone (fill));
  if (random_percent (fill, 15))
    g_ptr_array_add (customer->phones, mobile_phone (fill));
  if (random_percent (fill, 70))
    g_ptr_array_add (customer->emails, person_email (fill, name, NULL));
  if (random_percent (fill, 30))
    customer->needs = g_strdup (PICK (fill, person_needs));
  return customer;
}

static CrmCustomer *
generate_company (Fill *fill)
{
  static const char *const mailboxes[] = { "lienhe", "info", "kinhdoanh", "ketoan", "admin" };
  static const char *const suffixes[] = { ".vn", ".com.vn", ".com" };
  CrmCustomer *customer = crm_customer_new ();
  guint sector = random_between (fill, 0, G_N_ELEMENTS (company_sectors) - 1);
  const char *stem = PICK (fill, company_stems);
  const char *form = PICK_WEIGHTED (fill, company_forms);
  g_autofree char *word = ascii_word (stem);
  g_autofree char *domain = g_strconcat (word, PICK (fill, suffixes), NULL);
  gint profile;

  customer->kind = CRM_CUSTOMER_KIND_ORGANISATION;
  customer->full_name = g_strdup_printf ("%s %s %s", form, company_sectors[sector].name, stem);
  customer->industry = g_strdup (company_sectors[sector].industry);
  set_address (fill, customer);
  profile = find_profile (customer->province_code);
  customer->tax_code = company_tax_code (fill, profile >= 0 ? province_profiles[profile].tax_prefix : NULL);
  g_ptr_array_add (customer->phones,
                   landline_phone (fill, profile >= 0 ? province_profiles[profile].area_code : NULL));
  if (random_percent (fill, 50))
    g_ptr_array_add (customer->phones, mobile_phone (fill));
  g_ptr_array_add (customer->emails, g_strdup_printf ("%s@%s", PICK (fill, mailboxes), domain));
  if (random_percent (fill, 60))
    customer->website = g_strdup_printf ("https://www.%s", domain);
  if (random_percent (fill, 40))
    customer->needs = g_strdup (PICK (fill, company_needs));
  return customer;
}

static gint64
pick_category (Fill        *fill,
               CrmCustomer *customer)
{
  static const guint company_categories[] = {
    CATEGORY_AGENT_1, CATEGORY_AGENT_2, CATEGORY_AGENT_2, CATEGORY_SME, CATEGORY_SME,
    CATEGORY_SME, CATEGORY_SME, CATEGORY_CORPORATE, CATEGORY_VIP,
  };

  if (customer->status == CRM_CUSTOMER_STATUS_LEAD ||
      (customer->status == CRM_CUSTOMER_STATUS_PROSPECT && random_percent (fill, 70)))
    return fill->categories[CATEGORY_PROSPECT];
  if (customer->kind == CRM_CUSTOMER_KIND_PERSON)
    return fill->categories[random_percent (fill, 20) ? CATEGORY_VIP : CATEGORY_RETAIL];
  return fill->categories[company_categories[random_between (fill, 0, G_N_ELEMENTS (company_categories) - 1)]];
}

/* What every customer has whatever its kind: status, source, owner, tree. */
static void
set_relationship (Fill        *fill,
                  CrmCustomer *customer)
{
  crm_customer_status_from_string (PICK_WEIGHTED (fill, customer_statuses), &customer->status);
  customer->source = g_strdup (PICK_WEIGHTED (fill, customer_sources));
  customer->assigned_to = random_user (fill)->id;
  customer->category_id = pick_category (fill, customer);
  if (random_percent (fill, 20))
    customer->notes = g_strdup (PICK (fill, customer_notes));
  if (customer->status <= CRM_CUSTOMER_STATUS_PROSPECT && random_percent (fill, 50))
    {
      char due[DATE_LEN];

      format_day (fill->today + random_between (fill, 0, 21), due);
      customer->next_contact_due = g_strdup (due);
    }
}

static gboolean
insert_customer_tags (Fill     *fill,
                      gint64    customer_id,
                      GError  **error)
{
  static const char sql[] =
    "INSERT INTO customer_tags (customer_id, tag_id) VALUES (:customer, :tag) ON CONFLICT DO NOTHING";
  guint n_tags = random_percent (fill, 30) ? random_between (fill, 1, 2) : 0;
  guint first = random_between (fill, 0, fill->tags->len - 1);

  for (guint i = 0; i < n_tags; i++)
    {
      sqlite3_stmt *stmt = _crm_store_prepare (fill->store, sql, error);

      if (stmt == NULL)
        return FALSE;
      _crm_bind_int64 (stmt, ":customer", customer_id);
      _crm_bind_int64 (stmt, ":tag", g_array_index (fill->tags, gint64, (first + i) % fill->tags->len));
      if (!step_row (fill, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* The customer through the customer store's own write path, then its tags. */
static gboolean
write_customer (Fill         *fill,
                CrmCustomer  *customer,
                GError      **error)
{
  return _crm_customer_store_insert (fill->store, fill->admin, customer, error) &&
         insert_customer_tags (fill, customer->id, error);
}

/* Interaction times, oldest first, spread over the last @span_days; the
 * customer was created some weeks before the first of them. */
static void
plan_customer_history (Fill        *fill,
                       CrmCustomer *customer,
                       guint        n_interactions,
                       guint        span_days)
{
  char text[TIME_LEN];
  gint64 first;

  g_array_set_size (fill->times, 0);
  for (guint i = 0; i < n_interactions; i++)
    {
      gint64 t = office_time_days_ago (fill, random_between (fill, 0, span_days));
      g_array_append_val (fill->times, t);
    }
  g_array_sort (fill->times, compare_times);

  first = n_interactions > 0 ? g_array_index (fill->times, gint64, 0) : fill->now;
  format_timestamp (first - (gint64) random_between (fill, 1, 90) * DAY, text);
  customer->created_at = g_strdup (text);
  customer->updated_at = g_strdup (text);
  if (n_interactions > 0)
    {
      format_timestamp (g_array_index (fill->times, gint64, n_interactions - 1), text);
      customer->last_contact_at = g_strdup (text);
    }
}

/* Borrows @customer's strings: valid as long as @customer is. */
static void
sample_customer_borrow (SampleCustomer    *sample,
                        const CrmCustomer *customer,
                        Fill              *fill)
{
  memset (sample, 0, sizeof *sample);
  sample->id = customer->id;
  sample->code = customer->code;
  sample->name = customer->full_name;
  sample->kind = customer->kind;
  sample->status = customer->status;
  sample->assigned_to = customer->assigned_to;
  sample->vip = customer->category_id == fill->categories[CATEGORY_VIP];
  sample->email = customer->emails->len > 0 ? g_ptr_array_index (customer->emails, 0) : NULL;
}

/* Interactions ------------------------------------------------------------------ */

typedef struct
{
  gint64      customer_id;
  gint64      contact_id;
  gint64      user_id;
  const char *kind;
  const char *channel;
  gint64      occurred_at;
  const char *summary;
  const char *outcome;
  char        next_due_on[DATE_LEN];  /* "" for none */
  const char *ref_kind;
  gint64      ref_id;
} SampleInteraction;

static gint64
insert_interaction (Fill                     *fill,
                    const SampleInteraction  *interaction,
                    GError                  **error)
{
  static const char sql[] =
    "INSERT INTO interactions (customer_id, contact_id, user_id, kind, channel, occurred_at, "
    "  summary, outcome, next_due_on, ref_kind, ref_id, created_at, updated_at, created_by) "
    "VALUES (:customer, :contact, :user, :kind, :channel, :at, :summary, :outcome, :next_due, "
    "  :ref_kind, :ref_id, :at, :at, :user)";
  char at[TIME_LEN];
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (fill->store, sql, error)))
    return 0;
  format_timestamp (interaction->occurred_at, at);
  _crm_bind_int64 (stmt, ":customer", interaction->customer_id);
  _crm_bind_id (stmt, ":contact", interaction->contact_id);
  _crm_bind_id (stmt, ":user", interaction->user_id);
  _crm_bind_text (stmt, ":kind", interaction->kind);
  _crm_bind_text (stmt, ":channel", interaction->channel);
  _crm_bind_text (stmt, ":at", at);
  _crm_bind_text (stmt, ":summary", interaction->summary);
  _crm_bind_text (stmt, ":outcome", interaction->outcome);
  _crm_bind_text (stmt, ":next_due", interaction->next_due_on[0] ? interaction->next_due_on : NULL);
  _crm_bind_text (stmt, ":ref_kind", interaction->ref_kind);
  _crm_bind_id (stmt, ":ref_id", interaction->ref_id);
  return step_insert (fill, stmt, error);
}

static const InteractionKind *
pick_interaction_kind (Fill *fill)
{
  guint total = 0, roll;

  for (guint i = 0; i < G_N_ELEMENTS (interaction_kinds); i++)
    total += interaction_kinds[i].weight;
  roll = random_between (fill, 0, total - 1);
  for (guint i = 0; i < G_N_ELEMENTS (interaction_kinds); i++)
    {
      if (roll < interaction_kinds[i].weight)
        return &interaction_kinds[i];
      roll -= interaction_kinds[i].weight;
    }
  return &interaction_kinds[0];
}

static void
random_interaction (Fill                 *fill,
                    const SampleCustomer *customer,
                    gint64                at,
                    SampleInteraction    *interaction)
{
  const InteractionKind *kind = pick_interaction_kind (fill);
  guint n_summaries = 0;

  while (n_summaries < G_N_ELEMENTS (kind->summaries) && kind->summaries[n_summaries])
    n_summaries++;
  memset (interaction, 0, sizeof *interaction);
  interaction->customer_id = customer->id;
  interaction->contact_id = customer->contact_id;
  interaction->user_id = random_percent (fill, 85) ? customer->assigned_to : random_user (fill)->id;
  interaction->kind = kind->kind;
  interaction->channel = kind->channel;
  interaction->occurred_at = at;
  interaction->summary = kind->summaries[random_between (fill, 0, n_summaries - 1)];
  interaction->outcome = kind->outcomes[random_between (fill, 0, G_N_ELEMENTS (kind->outcomes) - 1)];
  if (random_percent (fill, 10))
    format_day (day_of_time (at) + random_between (fill, 3, 30), interaction->next_due_on);
}

/* One interaction at each of the planned times. */
static gboolean
write_history (Fill                  *fill,
               const SampleCustomer  *customer,
               GError               **error)
{
  for (guint i = 0; i < fill->times->len; i++)
    {
      SampleInteraction interaction;

      random_interaction (fill, customer, g_array_index (fill->times, gint64, i), &interaction);
      if (!insert_interaction (fill, &interaction, error))
        return FALSE;
    }
  return TRUE;
}

/* Document lines --------------------------------------------------------------- */

static gint64
random_quantity (Fill       *fill,
                 const char *unit,
                 gboolean    person)
{
  static const guint months[] = { 1, 3, 6, 12 };

  if (strcmp (unit, "giờ") == 0)
    return (gint64) random_between (fill, 4, 40) * 500;
  if (strcmp (unit, "tháng") == 0)
    return (gint64) months[random_between (fill, 0, G_N_ELEMENTS (months) - 1)] * 1000;
  if (strcmp (unit, "ram") == 0 || strcmp (unit, "hộp") == 0 || strcmp (unit, "bình") == 0)
    return (gint64) random_between (fill, 5, 50) * 1000;
  return (gint64) random_between (fill, 1, person ? 2 : 20) * 1000;
}

static void
doc_set_discount (SampleDoc *doc,
                  gint64     discount_bp)
{
  for (guint i = 0; i < doc->n_lines; i++)
    doc->lines[i].discount_bp = discount_bp;
  doc_compute_totals (doc);
}

/* Up to MAX_LINES different products at list price, or the VIP price. */
static void
make_lines (Fill                 *fill,
            const SampleCustomer *customer,
            SampleDoc            *doc)
{
  guint n_products = fill->products->len;
  guint first = random_between (fill, 0, n_products - 1);

  memset (doc, 0, sizeof *doc);
  doc->n_lines = MIN (random_between (fill, 1, MAX_LINES), n_products);
  for (guint i = 0; i < doc->n_lines; i++)
    {
      const SampleProduct *product = product_at (fill, (first + i * 7) % n_products);
      SampleLine *line = &doc->lines[i];
      gboolean vip_price = customer->vip && product->vip_price > 0;

      line->product_id = product->id;
      line->description = product->name;
      line->unit = product->unit;
      line->quantity_milli = random_quantity (fill, product->unit,
                                              customer->kind == CRM_CUSTOMER_KIND_PERSON);
      line->unit_price = vip_price ? product->vip_price : product->price;
      line->unit_cost = product->cost;
      line->vat_bp = product->vat_bp;
      line->price_source = vip_price ? "price_list" : "list";
    }
  doc_compute_totals (doc);
}

static void
bind_if_present (sqlite3_stmt *stmt,
                 const char   *name,
                 const char   *text,
                 gint64        value)
{
  if (sqlite3_bind_parameter_index (stmt, name) == 0)
    return;
  if (text != NULL)
    _crm_bind_text (stmt, name, text);
  else
    _crm_bind_int64 (stmt, name, value);
}

/* Quote, contract and order lines share their columns but for the price
 * source (quotes) and the unit cost (orders). */
static gboolean
insert_lines (Fill             *fill,
              const char       *sql,
              gint64            doc_id,
              const SampleDoc  *doc,
              GError          **error)
{
  for (guint i = 0; i < doc->n_lines; i++)
    {
      const SampleLine *line = &doc->lines[i];
      sqlite3_stmt *stmt = _crm_store_prepare (fill->store, sql, error);

      if (stmt == NULL)
        return FALSE;
      _crm_bind_int64 (stmt, ":doc", doc_id);
      _crm_bind_int64 (stmt, ":position", i + 1);
      _crm_bind_id (stmt, ":product", line->product_id);
      _crm_bind_text (stmt, ":description", line->description);
      _crm_bind_int64 (stmt, ":quantity", line->quantity_milli);
      _crm_bind_text (stmt, ":unit", line->unit);
      _crm_bind_int64 (stmt, ":price", line->unit_price);
      _crm_bind_int64 (stmt, ":discount", line->discount_bp);
      _crm_bind_int64 (stmt, ":vat", line->vat_bp);
      bind_if_present (stmt, ":source", line->price_source, 0);
      bind_if_present (stmt, ":cost", NULL, line->unit_cost);
      if (!step_row (fill, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static void
json_append_lines (GString         *json,
                   const SampleDoc *doc)
{
  g_string_append (json, "\"lines\":[");
  for (guint i = 0; i < doc->n_lines; i++)
    {
      const SampleLine *line = &doc->lines[i];

      g_string_append_printf (json, "%s{\"position\":%u,\"product_id\":%" G_GINT64_FORMAT ",\"description\":",
                              i > 0 ? "," : "", i + 1, line->product_id);
      json_append_string (json, line->description);
      g_string_append (json, ",\"unit\":");
      json_append_string (json, line->unit);
      g_string_append_printf (json,
                              ",\"quantity_milli\":%" G_GINT64_FORMAT ",\"unit_price\":%" G_GINT64_FORMAT
                              ",\"discount_bp\":%" G_GINT64_FORMAT ",\"vat_rate_bp\":%" G_GINT64_FORMAT "}",
                              line->quantity_milli, line->unit_price, line->discount_bp, line->vat_bp);
    }
  g_string_append_c (json, ']');
}

/* The immutable snapshot of a sent version, as JSON text. */
static char *
doc_snapshot (const char           *code,
              guint                 revision,
              const SampleCustomer *customer,
              const char           *date_key,
              const char           *date,
              const SampleDoc      *doc)
{
  GString *json = g_string_new ("{\"code\":");

  json_append_string (json, code);
  g_string_append_printf (json, ",\"revision\":%u,\"customer\":{\"id\":%" G_GINT64_FORMAT ",\"code\":",
                          revision, customer->id);
  json_append_string (json, customer->code);
  g_string_append (json, ",\"name\":");
  json_append_string (json, customer->name);
  g_string_append_printf (json, "},\"%s\":", date_key);
  json_append_string (json, date);
  g_string_append_c (json, ',');
  json_append_lines (json, doc);
  g_string_append_printf (json,
                          ",\"subtotal\":%" G_GINT64_FORMAT ",\"discount_total\":%" G_GINT64_FORMAT
                          ",\"vat_total\":%" G_GINT64_FORMAT ",\"grand_total\":%" G_GINT64_FORMAT "}",
                          doc->subtotal, doc->discount_total, doc->vat_total, doc->grand_total);
  return g_string_free (json, FALSE);
}

/* Quotes ------------------------------------------------------------------------ */

typedef struct
{
  SampleCustomer       *customer;
  gint64                opportunity_id;
  gint64                owner_id;
  const char           *status;
  gint64                issue_day;
  gint64                issued_at;
  guint                 valid_days;
  guint                 revisions;
  SampleDoc             doc;
  gint64                id;
  char                 *code;
} SampleQuote;

/* Dates and versions that fit the status: drafts are recent, expired
 * ones old; one quote in four was revised once with a discount. */
static void
plan_quote (Fill        *fill,
            SampleQuote *quote,
            const char  *status,
            guint        max_age_days)
{
  gboolean draft = strcmp (status, "draft") == 0;
  gboolean open = draft || strcmp (status, "sent") == 0;
  guint oldest = MAX (max_age_days, 46);

  quote->status = status;
  quote->valid_days = random_percent (fill, 50) ? 15 : 30;
  if (open)
    quote->issue_day = fill->today - random_between (fill, 0, draft ? 6 : 14);
  else if (strcmp (status, "expired") == 0)
    quote->issue_day = fill->today - random_between (fill, 45, oldest);
  else
    quote->issue_day = fill->today - random_between (fill, 10, oldest);
  quote->issued_at = MIN (local_time (quote->issue_day, random_between (fill, 8, 16),
                                      random_between (fill, 0, 59)), fill->now);
  quote->revisions = !draft && random_percent (fill, 25) ? 2 : 1;
  make_lines (fill, quote->customer, &quote->doc);
  if (quote->revisions == 2)
    doc_set_discount (&quote->doc, random_percent (fill, 50) ? 500 : 300);
  else if (random_percent (fill, 15))
    doc_set_discount (&quote->doc, 1000);
}

static gint64
quote_decided_at (Fill              *fill,
                  const SampleQuote *quote)
{
  return MIN (quote->issued_at + (gint64) (quote->revisions * 3 + 4) * DAY, fill->now);
}

static gboolean
insert_quote_row (Fill         *fill,
                  SampleQuote  *quote,
                  GError      **error)
{
  static const char sql[] =
    "INSERT INTO quotes (code, customer_id, contact_id, opportunity_id, owner_id, status, revision, "
    "  issue_date, valid_until, terms, subtotal, discount_total, vat_total, grand_total, "
    "  accepted_at, rejected_at, created_at, updated_at, created_by) "
    "VALUES (:code, :customer, :contact, :opportunity, :owner, :status, :revision, :issue, :valid, "
    "  :terms, :subtotal, :discount, :vat, :total, :accepted, :rejected, :created, :created, :owner)";
  char issue[DATE_LEN], valid[DATE_LEN], created[TIME_LEN], decided[TIME_LEN];
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (fill->store, sql, error)))
    return FALSE;
  format_day (quote->issue_day, issue);
  format_day (quote->issue_day + quote->valid_days, valid);
  format_timestamp (quote->issued_at, created);
  format_timestamp (quote_decided_at (fill, quote), decided);
  _crm_bind_text (stmt, ":code", quote->code);
  _crm_bind_int64 (stmt, ":customer", quote->customer->id);
  _crm_bind_id (stmt, ":contact", quote->customer->contact_id);
  _crm_bind_id (stmt, ":opportunity", quote->opportunity_id);
  _crm_bind_id (stmt, ":owner", quote->owner_id);
  _crm_bind_text (stmt, ":status", quote->status);
  _crm_bind_int64 (stmt, ":revision", quote->revisions);
  _crm_bind_text (stmt, ":issue", issue);
  _crm_bind_text (stmt, ":valid", valid);
  _crm_bind_text (stmt, ":terms", "Giá đã gồm vận chuyển nội thành. Bảo hành 12 tháng. "
                                  "Thanh toán chuyển khoản trong 15 ngày kể từ ngày giao hàng.");
  _crm_bind_int64 (stmt, ":subtotal", quote->doc.subtotal);
  _crm_bind_int64 (stmt, ":discount", quote->doc.discount_total);
  _crm_bind_int64 (stmt, ":vat", quote->doc.vat_total);
  _crm_bind_int64 (stmt, ":total", quote->doc.grand_total);
  _crm_bind_text (stmt, ":accepted", strcmp (quote->status, "accepted") == 0 ? decided : NULL);
  _crm_bind_text (stmt, ":rejected", strcmp (quote->status, "rejected") == 0 ? decided : NULL);
  _crm_bind_text (stmt, ":created", created);
  return (quote->id = step_insert (fill, stmt, error)) != 0;
}

static gboolean
insert_quote_revision (Fill               *fill,
                       const SampleQuote  *quote,
                       guint               revision,
                       const SampleDoc    *version,
                       const char         *at,
                       GError            **error)
{
  static const char sql[] =
    "INSERT INTO quote_revisions (quote_id, revision, snapshot, grand_total, created_at, created_by) "
    "VALUES (:quote, :revision, :snapshot, :total, :at, :by)";
  char issue[DATE_LEN];
  g_autofree char *snapshot = NULL;
  sqlite3_stmt *stmt;

  format_day (quote->issue_day, issue);
  snapshot = doc_snapshot (quote->code, revision, quote->customer, "issue_date", issue, version);
  if (!(stmt = _crm_store_prepare (fill->store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":quote", quote->id);
  _crm_bind_int64 (stmt, ":revision", revision);
  _crm_bind_text (stmt, ":snapshot", snapshot);
  _crm_bind_int64 (stmt, ":total", version->grand_total);
  _crm_bind_text (stmt, ":at", at);
  _crm_bind_id (stmt, ":by", quote->owner_id);
  return step_row (fill, stmt, error);
}

/* The send of one version, and in the demo the interaction that logs it. */
static gboolean
insert_quote_send (Fill               *fill,
                   const SampleQuote  *quote,
                   guint               revision,
                   gint64              sent_at,
                   gboolean            log_interaction,
                   GError            **error)
{
  static const char sql[] =
    "INSERT INTO quote_sends (quote_id, revision, sent_at, recipient, channel, user_id, interaction_id) "
    "VALUES (:quote, :revision, :at, :recipient, :channel, :user, :interaction)";
  const SampleCustomer *customer = quote->customer;
  const char *email = customer->contact_email ? customer->contact_email : customer->email;
  g_autofree char *summary = revision > 1
                             ? g_strdup_printf ("Gửi báo giá %s (lần %u)", quote->code, revision)
                             : g_strdup_printf ("Gửi báo giá %s", quote->code);
  SampleInteraction interaction = { customer->id, customer->contact_id, quote->owner_id,
                                    "quote_sent", email ? "email" : "in_person", sent_at,
                                    summary, NULL, "", "quote", quote->id };
  char at[TIME_LEN];
  sqlite3_stmt *stmt;
  gint64 interaction_id = 0;

  if (log_interaction && !(interaction_id = insert_interaction (fill, &interaction, error)))
    return FALSE;
  if (!(stmt = _crm_store_prepare (fill->store, sql, error)))
    return FALSE;
  format_timestamp (sent_at, at);
  _crm_bind_int64 (stmt, ":quote", quote->id);
  _crm_bind_int64 (stmt, ":revision", revision);
  _crm_bind_text (stmt, ":at", at);
  _crm_bind_text (stmt, ":recipient", email ? email : customer->name);
  _crm_bind_text (stmt, ":channel", email ? "email" : "hand");
  _crm_bind_id (stmt, ":user", quote->owner_id);
  _crm_bind_id (stmt, ":interaction", interaction_id);
  return step_row (fill, stmt, error);
}

/* Every sent version: its snapshot and its send.  The first of two
 * versions went out without the discount the customer then obtained. */
static gboolean
write_quote_versions (Fill               *fill,
                      const SampleQuote  *quote,
                      gboolean            log_interactions,
                      GError            **error)
{
  if (strcmp (quote->status, "draft") == 0)
    return TRUE;
  for (guint revision = 1; revision <= quote->revisions; revision++)
    {
      SampleDoc version = quote->doc;
      gint64 sent_at = MIN (quote->issued_at + (gint64) (revision - 1) * 3 * DAY, fill->now);
      char at[TIME_LEN];

      if (revision < quote->revisions)
        doc_set_discount (&version, 0);
      format_timestamp (sent_at, at);
      if (!insert_quote_revision (fill, quote, revision, &version, at, error) ||
          !insert_quote_send (fill, quote, revision, sent_at, log_interactions, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_quote (Fill         *fill,
             SampleQuote  *quote,
             gboolean      log_interactions,
             GError      **error)
{
  static const char lines_sql[] =
    "INSERT INTO quote_lines (quote_id, position, product_id, description, quantity_milli, unit, "
    "  unit_price, discount_bp, vat_rate_bp, price_source) "
    "VALUES (:doc, :position, :product, :description, :quantity, :unit, :price, :discount, :vat, :source)";

  quote->code = _crm_store_next_document_code (fill->store, "BG", "quote",
                                               year_of_day (quote->issue_day), error);
  return quote->code != NULL &&
         insert_quote_row (fill, quote, error) &&
         insert_lines (fill, lines_sql, quote->id, &quote->doc, error) &&
         write_quote_versions (fill, quote, log_interactions, error) &&
         put_document_search_doc (fill, "quote", quote->id, quote->customer, quote->code, error);
}

/* Contracts --------------------------------------------------------------------- */

static const char *const contract_titles[] = {
  "Hợp đồng mua bán thiết bị văn phòng", "Hợp đồng cung cấp hàng hóa và dịch vụ",
  "Hợp đồng dịch vụ bảo trì hệ thống", "Hợp đồng cung cấp giải pháp phần mềm",
};

typedef struct
{
  const SampleQuote *quote;
  gint64             id;
  char              *code;
  const char        *status;
  gint64             signed_day;  /* 0: not signed yet */
  gint64             starts_day;
  gint64             ends_day;
  gint64             value;       /* before VAT */
  guint              n_instalments;
} SampleContract;

static gint64
add_months (gint64 day,
            guint  months)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) (day + UNIX_EPOCH_JULIAN));
  g_date_add_months (&date, months);
  return (gint64) g_date_get_julian (&date) - UNIX_EPOCH_JULIAN;
}

/* Signed a few days after the quote was accepted, for 3, 6 or 12 months;
 * one signed in the future is still a draft. */
static void
plan_contract (Fill           *fill,
               SampleContract *contract)
{
  static const guint durations[] = { 3, 6, 12, 12 };
  gint64 accepted = day_of_time (quote_decided_at (fill, contract->quote));
  gint64 signed_day = accepted + random_between (fill, 1, 6);

  contract->value = contract->quote->doc.grand_total;  /* what the customer pays, VAT included */
  contract->n_instalments = contract->quote->doc.grand_total >= 50000000 ? 3 : 2;
  contract->signed_day = signed_day <= fill->today ? signed_day : 0;
  contract->starts_day = signed_day;
  contract->ends_day = add_months (signed_day, durations[random_between (fill, 0, G_N_ELEMENTS (durations) - 1)]);
  if (contract->signed_day == 0)
    contract->status = "draft";
  else if (random_percent (fill, 5))
    contract->status = "cancelled";
  else if (contract->ends_day < fill->today)
    contract->status = random_percent (fill, 80) ? "completed" : "expired";
  else
    contract->status = "active";
}

static gboolean
insert_contract_row (Fill            *fill,
                     SampleContract  *contract,
                     GError         **error)
{
  static const char sql[] =
    "INSERT INTO contracts (code, customer_id, quote_id, owner_id, status, title, customer_rep, "
    "  customer_rep_title, company_rep, company_rep_title, signed_on, starts_on, ends_on, value, "
    "  vat_total, payment_terms, terms, created_at, updated_at, created_by) "
    "VALUES (:code, :customer, :quote, :owner, :status, :title, :rep, :rep_title, :our_rep, "
    "  'Trưởng phòng Kinh doanh', :signed, :starts, :ends, :value, :vat, :payment, :terms, "
    "  :now, :now, :owner)";
  const SampleCustomer *customer = contract->quote->customer;
  const SampleUser *owner = find_user (fill, contract->quote->owner_id);
  char signed_on[DATE_LEN], starts[DATE_LEN], ends[DATE_LEN], created[TIME_LEN];
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (fill->store, sql, error)))
    return FALSE;
  format_day (contract->signed_day, signed_on);
  format_day (contract->starts_day, starts);
  format_day (contract->ends_day, ends);
  format_timestamp (MIN (local_time (contract->starts_day - 1, 10, 0), fill->now), created);
  _crm_bind_text (stmt, ":code", contract->code);
  _crm_bind_int64 (stmt, ":customer", customer->id);
  _crm_bind_int64 (stmt, ":quote", contract->quote->id);
  _crm_bind_id (stmt, ":owner", owner->id);
  _crm_bind_text (stmt, ":status", contract->status);
  _crm_bind_text (stmt, ":title", PICK (fill, contract_titles));
  _crm_bind_text (stmt, ":rep", customer->contact_name ? customer->contact_name : customer->name);
  _crm_bind_text (stmt, ":rep_title", customer->contact_position);
  _crm_bind_text (stmt, ":our_rep", team_manager (fill, owner->team_id)->full_name);
  _crm_bind_text (stmt, ":signed", contract->signed_day ? signed_on : NULL);
  _crm_bind_text (stmt, ":starts", starts);
  _crm_bind_text (stmt, ":ends", ends);
  _crm_bind_int64 (stmt, ":value", contract->value);
  _crm_bind_int64 (stmt, ":vat", contract->quote->doc.vat_total);
  _crm_bind_text (stmt, ":payment", contract->n_instalments == 3
                  ? "Thanh toán 3 đợt: 30% khi ký, 40% khi giao hàng, 30% sau nghiệm thu"
                  : "Thanh toán 2 đợt: 50% khi ký, 50% sau nghiệm thu");
  _crm_bind_text (stmt, ":terms", "Bảo hành 12 tháng theo tiêu chuẩn nhà sản xuất. "
                                  "Giao hàng trong 7 ngày làm việc kể từ ngày ký.");
  _crm_bind_text (stmt, ":now", created);
  return (contract->id = step_insert (fill, stmt, error)) != 0;
}

static gboolean
insert_contract_revision (Fill                  *fill,
                          const SampleContract  *contract,
                          GError               **error)
{
  static const char sql[] =
    "INSERT INTO contract_revisions (contract_id, revision, snapshot, value, created_at, created_by) "
    "VALUES (:contract, 1, :snapshot, :value, :now, :by)";
  char starts[DATE_LEN];
  g_autofree char *snapshot = NULL;
  sqlite3_stmt *stmt;

  format_day (contract->starts_day, starts);
  snapshot = doc_snapshot (contract->code, 1, contract->quote->customer, "starts_on", starts,
                           &contract->quote->doc);
  if (!(stmt = _crm_store_prepare (fill->store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":contract", contract->id);
  _crm_bind_text (stmt, ":snapshot", snapshot);
  _crm_bind_int64 (stmt, ":value", contract->value);
  _crm_bind_text (stmt, ":now", fill->now_text);
  _crm_bind_id (stmt, ":by", contract->quote->owner_id);
  return step_row (fill, stmt, error);
}

static gboolean
insert_reminder (Fill        *fill,
                 gint64       user_id,
                 gint64       event_id,
                 const char  *ref_kind,
                 gint64       ref_id,
                 gint64       offset_minutes,
                 gint64       fire_at,
                 const char  *title,
                 GError     **error)
{
  static const char sql[] =
    "INSERT INTO reminders (user_id, event_id, ref_kind, ref_id, offset_minutes, fire_at, fired_at, "
    "  title, created_at, created_by) "
    "VALUES (:user, :event, :ref_kind, :ref_id, :offset, :fire, :fired, :title, :now, :by)";
  char fire[TIME_LEN];
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (fill->store, sql, error)))
    return FALSE;
  format_timestamp (fire_at, fire);
  _crm_bind_id (stmt, ":user", user_id);
  _crm_bind_id (stmt, ":event", event_id);
  _crm_bind_text (stmt, ":ref_kind", ref_kind);
  _crm_bind_id (stmt, ":ref_id", ref_id);
  if (event_id > 0)
    _crm_bind_int64 (stmt, ":offset", offset_minutes);
  _crm_bind_text (stmt, ":fire", fire);
  _crm_bind_text (stmt, ":fired", fire_at < fill->now ? fire : NULL);
  _crm_bind_text (stmt, ":title", title);
  bind_created (fill, stmt, NULL);
  return step_row (fill, stmt, error);
}

/* 50/50 or 30/40/30 of what the customer pays; the last one takes the
 * rounding so the parts add up exactly. */
static gboolean
insert_instalments (Fill                  *fill,
                    const SampleContract  *contract,
                    GError               **error)
{
  static const char sql[] =
    "INSERT INTO contract_instalments (contract_id, position, due_on, amount, paid, paid_on, note) "
    "VALUES (:contract, :position, :due, :amount, :paid, :paid_on, :note)";
  static const gint64 two[] = { 50, 50 }, three[] = { 30, 40, 30 };
  const gint64 *shares = contract->n_instalments == 3 ? three : two;
  gint64 total = contract->quote->doc.grand_total, left = total;

  for (guint i = 0; i < contract->n_instalments; i++)
    {
      gint64 amount = i + 1 == contract->n_instalments ? left : divide_half_up (total * shares[i], 100);
      gint64 due = contract->starts_day + i * 30;
      gboolean paid = contract->signed_day > 0 && due < fill->today && random_percent (fill, 85);
      char due_on[DATE_LEN], paid_on[DATE_LEN];
      g_autofree char *note = g_strdup_printf ("Đợt %u", i + 1);
      sqlite3_stmt *stmt = _crm_store_prepare (fill->store, sql, error);

      if (stmt == NULL)
        return FALSE;
      left -= amount;
      format_day (due, due_on);
      format_day (MIN (due + random_between (fill, 0, 5), fill->today), paid_on);
      _crm_bind_int64 (stmt, ":contract", contract->id);
      _crm_bind_int64 (stmt, ":position", i + 1);
      _crm_bind_text (stmt, ":due", due_on);
      _crm_bind_int64 (stmt, ":amount", amount);
      _crm_bind_int64 (stmt, ":paid", paid);
      _crm_bind_text (stmt, ":paid_on", paid ? paid_on : NULL);
      _crm_bind_text (stmt, ":note", note);
      if (!step_insert (fill, stmt, error))
        return FALSE;
      if (!paid && contract->signed_day > 0 && due >= fill->today && due < fill->today + 30)
        {
          gint64 instalment_id = sqlite3_last_insert_rowid (_crm_store_get_db (fill->store));
          g_autofree char *title = g_strdup_printf ("Nhắc thanh toán đợt %u hợp đồng %s", i + 1, contract->code);

          if (!insert_reminder (fill, contract->quote->owner_id, 0, "contract_instalment", instalment_id,
                                0, local_time (MAX (due - 3, fill->today), 9, 0), title, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
log_contract_sent (Fill                  *fill,
                   const SampleContract  *contract,
                   GError               **error)
{
  const SampleCustomer *customer = contract->quote->customer;
  g_autofree char *summary = g_strdup_printf ("Gửi hợp đồng %s để khách ký", contract->code);
  SampleInteraction interaction = { customer->id, customer->contact_id, contract->quote->owner_id,
                                    "contract_sent", "email",
                                    MIN (local_time (contract->starts_day - 1, 15, 0), fill->now),
                                    summary, NULL, "", "contract", contract->id };

  return insert_interaction (fill, &interaction, error) != 0;
}

static gboolean
write_contract (Fill               *fill,
                const SampleQuote  *quote,
                gint64             *contract_id,
                GError            **error)
{
  static const char lines_sql[] =
    "INSERT INTO contract_lines (contract_id, position, product_id, description, quantity_milli, "
    "  unit, unit_price, discount_bp, vat_rate_bp) "
    "VALUES (:doc, :position, :product, :description, :quantity, :unit, :price, :discount, :vat)";
  SampleContract contract = { quote, };
  gboolean ok;

  plan_contract (fill, &contract);
  contract.code = _crm_store_next_document_code (fill->store, "HĐ", "contract",
                                                 year_of_day (contract.starts_day), error);
  ok = contract.code != NULL &&
       insert_contract_row (fill, &contract, error) &&
       insert_lines (fill, lines_sql, contract.id, &quote->doc, error) &&
       insert_contract_revision (fill, &contract, error) &&
       insert_instalments (fill, &contract, error) &&
       log_contract_sent (fill, &contract, error) &&
       put_document_search_doc (fill, "contract", contract.id, quote->customer, contract.code, error);
  *contract_id = contract.id;
  g_free (contract.code);
  return ok;
}

/* Orders --------------------------------------------------------------------------- */

typedef struct
{
  SampleCustomer  *customer;
  const SampleDoc *doc;
  gint64           quote_id;
  gint64           contract_id;
  gint64           owner_id;
  gint64           order_day;
  const char      *status;
  gint64           delivered_day;
  gint64           id;
  char            *code;
} SampleOrder;

/* Old orders are delivered, recent ones on their way. */
static void
plan_order (Fill        *fill,
            SampleOrder *order)
{
  static const Weighted old_states[] = {
    { "delivered", 85 }, { "partial", 10 }, { "cancelled", 5 },
  };
  static const Weighted recent_states[] = {
    { "delivered", 50 }, { "partial", 25 }, { "pending", 25 },
  };
  gint64 age = fill->today - order->order_day;

  if (age >= 14)
    order->status = PICK_WEIGHTED (fill, old_states);
  else if (age >= 3)
    order->status = PICK_WEIGHTED (fill, recent_states);
  else
    order->status = "pending";
  order->delivered_day = order->order_day + random_between (fill, 1, (guint) MAX (1, MIN (age, 12)));
}

static gboolean
insert_order_row (Fill         *fill,
                  SampleOrder  *order,
                  GError      **error)
{
  static const char sql[] =
    "INSERT INTO orders (code, customer_id, contract_id, quote_id, owner_id, order_date, promised_on, "
    "  delivery_status, delivered_on, subtotal, discount_total, vat_total, grand_total, notes, "
    "  created_at, updated_at, created_by) "
    "VALUES (:code, :customer, :contract, :quote, :owner, :date, :promised, :status, :delivered, "
    "  :subtotal, :discount, :vat, :total, :notes, :now, :now, :owner)";
  char date[DATE_LEN], promised[DATE_LEN], delivered[DATE_LEN], created[TIME_LEN];
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (fill->store, sql, error)))
    return FALSE;
  format_day (order->order_day, date);
  format_day (order->order_day + random_between (fill, 3, 10), promised);
  format_day (order->delivered_day, delivered);
  format_timestamp (MIN (local_time (order->order_day, 10, 30), fill->now), created);
  _crm_bind_text (stmt, ":code", order->code);
  _crm_bind_int64 (stmt, ":customer", order->customer->id);
  _crm_bind_id (stmt, ":contract", order->contract_id);
  _crm_bind_id (stmt, ":quote", order->quote_id);
  _crm_bind_id (stmt, ":owner", order->owner_id);
  _crm_bind_text (stmt, ":date", date);
  _crm_bind_text (stmt, ":promised", promised);
  _crm_bind_text (stmt, ":status", order->status);
  _crm_bind_text (stmt, ":delivered", strcmp (order->status, "delivered") == 0 ? delivered : NULL);
  _crm_bind_int64 (stmt, ":subtotal", order->doc->subtotal);
  _crm_bind_int64 (stmt, ":discount", order->doc->discount_total);
  _crm_bind_int64 (stmt, ":vat", order->doc->vat_total);
  _crm_bind_int64 (stmt, ":total", order->doc->grand_total);
  _crm_bind_text (stmt, ":notes", random_percent (fill, 30) ? "Giao giờ hành chính, gọi trước 30 phút" : NULL);
  _crm_bind_text (stmt, ":now", created);
  return (order->id = step_insert (fill, stmt, error)) != 0;
}

static gboolean
insert_deliveries (Fill               *fill,
                   const SampleOrder  *order,
                   GError            **error)
{
  static const char sql[] =
    "INSERT INTO order_deliveries (order_id, delivered_on, note, created_at, created_by) "
    "VALUES (:order, :on, :note, :now, :by)";
  gboolean delivered = strcmp (order->status, "delivered") == 0;
  guint n = delivered ? random_between (fill, 1, 2) : strcmp (order->status, "partial") == 0;

  for (guint i = 0; i < n; i++)
    {
      gint64 day = i + 1 == n && delivered ? order->delivered_day : order->order_day + 1;
      const char *note = i + 1 == n && delivered ? (n == 1 ? "Giao đủ hàng" : "Giao đủ phần còn lại")
                                                  : "Giao đợt 1";
      char on[DATE_LEN];
      sqlite3_stmt *stmt = _crm_store_prepare (fill->store, sql, error);

      if (stmt == NULL)
        return FALSE;
      format_day (MIN (day, fill->today), on);
      _crm_bind_int64 (stmt, ":order", order->id);
      _crm_bind_text (stmt, ":on", on);
      _crm_bind_text (stmt, ":note", note);
      bind_created (fill, stmt, NULL);
      if (!step_row (fill, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_order (Fill         *fill,
             SampleOrder  *order,
             GError      **error)
{
  static const char lines_sql[] =
    "INSERT INTO order_lines (order_id, position, product_id, description, quantity_milli, unit, "
    "  unit_price, unit_cost, discount_bp, vat_rate_bp) "
    "VALUES (:doc, :position, :product, :description, :quantity, :unit, :price, :cost, :discount, :vat)";
  gboolean ok;

  plan_order (fill, order);
  order->code = _crm_store_next_document_code (fill->store, "DH", "order",
                                               year_of_day (order->order_day), error);
  ok = order->code != NULL &&
       insert_order_row (fill, order, error) &&
       insert_lines (fill, lines_sql, order->id, order->doc, error) &&
       insert_deliveries (fill, order, error) &&
       put_document_search_doc (fill, "order", order->id, order->customer, order->code, error);
  g_clear_pointer (&order->code, g_free);
  if (ok && strcmp (order->status, "cancelled") != 0)
    order->customer->last_order_id = order->id;
  return ok;
}

/* Demo: prices, promotions, care rules ------------------------------------------ */

/* Every third product at 92 % of its list price for VIP customers. */
static gboolean
write_vip_price_list (Fill    *fill,
                      GError **error)
{
  static const char list_sql[] =
    "INSERT INTO price_lists (name, customer_category_id, valid_from, valid_to, created_at, "
    "  updated_at, created_by) VALUES (:name, :category, :from, :to, :now, :now, :by)";
  static const char item_sql[] =
    "INSERT INTO price_list_items (price_list_id, product_id, price) VALUES (:list, :product, :price)";
  int year = year_of_day (fill->today);
  g_autofree char *name = g_strdup_printf ("Bảng giá khách VIP %d", year);
  g_autofree char *from = g_strdup_printf ("%d-01-01", year);
  g_autofree char *to = g_strdup_printf ("%d-12-31", year);
  sqlite3_stmt *stmt;
  gint64 list_id;

  if (!(stmt = _crm_store_prepare (fill->store, list_sql, error)))
    return FALSE;
  _crm_bind_text (stmt, ":name", name);
  _crm_bind_int64 (stmt, ":category", fill->categories[CATEGORY_VIP]);
  _crm_bind_text (stmt, ":from", from);
  _crm_bind_text (stmt, ":to", to);
  bind_created (fill, stmt, NULL);
  if (!(list_id = step_insert (fill, stmt, error)))
    return FALSE;

  for (guint i = 0; i < fill->products->len; i += 3)
    {
      SampleProduct *product = &g_array_index (fill->products, SampleProduct, i);

      product->vip_price = divide_half_up (product->price * 92, 100 * 1000) * 1000;
      if (!(stmt = _crm_store_prepare (fill->store, item_sql, error)))
        return FALSE;
      _crm_bind_int64 (stmt, ":list", list_id);
      _crm_bind_int64 (stmt, ":product", product->id);
      _crm_bind_int64 (stmt, ":price", product->vip_price);
      if (!step_row (fill, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_promotions (Fill    *fill,
                  GError **error)
{
  static const char sql[] =
    "INSERT INTO promotions (name, product_id, product_category_id, customer_category_id, discount_kind, "
    "  discount_value, starts_on, ends_on, created_at, updated_at, created_by) "
    "VALUES (:name, :product, (SELECT id FROM product_categories WHERE name = :product_category), "
    "  :category, 'percent', :value, :starts, :ends, :now, :now, :by)";
  static const struct
  {
    const char *name;
    gboolean    for_agents;
    gint64      value_bp;
    int         starts;
    int         ends;
  } promotions[] = {
    { "Giảm 5% máy tính xách tay dịp cuối năm", FALSE, 500, -7, 40 },
    { "Ưu đãi đại lý cấp 1: giảm thêm 3% vật tư", TRUE, 300, -60, 120 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (promotions); i++)
    {
      char starts[DATE_LEN], ends[DATE_LEN];
      sqlite3_stmt *stmt = _crm_store_prepare (fill->store, sql, error);

      if (stmt == NULL)
        return FALSE;
      format_day (fill->today + promotions[i].starts, starts);
      format_day (fill->today + promotions[i].ends, ends);
      _crm_bind_text (stmt, ":name", promotions[i].name);
      _crm_bind_id (stmt, ":product", promotions[i].for_agents ? 0 : product_at (fill, 0)->id);
      /* A promotion covers a product or a product category, never the
       * whole catalogue: the agents' one is on supplies. */
      _crm_bind_text (stmt, ":product_category", promotions[i].for_agents ? product_categories[1] : NULL);
      _crm_bind_id (stmt, ":category", promotions[i].for_agents ? fill->categories[CATEGORY_AGENT_1] : 0);
      _crm_bind_int64 (stmt, ":value", promotions[i].value_bp);
      _crm_bind_text (stmt, ":starts", starts);
      _crm_bind_text (stmt, ":ends", ends);
      bind_created (fill, stmt, NULL);
      if (!step_row (fill, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static const struct
{
  const char *name;
  gboolean    vip_only;
  const char *trigger;
  gint64      offset_days;
  gint64      every_days;
  const char *action;
} care_rules[] = {
  { "Cảm ơn khách sau khi ký hợp đồng", FALSE, "contract_signed", 1, 0, "thanks" },
  { "Gọi chăm sóc 30 ngày sau giao hàng", FALSE, "order_delivered", 30, 0, "care_call" },
  { "Thăm khách VIP mỗi quý", TRUE, "periodic", 0, 90, "visit" },
  { "Khảo sát hài lòng khách hàng mới", FALSE, "customer_created", 14, 0, "survey" },
};

static gboolean
write_care_standards (Fill    *fill,
                      gint64   ids[],
                      GError **error)
{
  static const char sql[] =
    "INSERT INTO care_standards (category_id, name, trigger_kind, offset_days, every_days, "
    "  action_kind, created_at, updated_at, created_by) "
    "VALUES (:category, :name, :trigger, :offset, :every, :action, :now, :now, :by)";

  for (guint i = 0; i < G_N_ELEMENTS (care_rules); i++)
    {
      sqlite3_stmt *stmt = _crm_store_prepare (fill->store, sql, error);

      if (stmt == NULL)
        return FALSE;
      _crm_bind_id (stmt, ":category", care_rules[i].vip_only ? fill->categories[CATEGORY_VIP] : 0);
      _crm_bind_text (stmt, ":name", care_rules[i].name);
      _crm_bind_text (stmt, ":trigger", care_rules[i].trigger);
      _crm_bind_int64 (stmt, ":offset", care_rules[i].offset_days);
      _crm_bind_id (stmt, ":every", care_rules[i].every_days);
      _crm_bind_text (stmt, ":action", care_rules[i].action);
      bind_created (fill, stmt, NULL);
      if (!(ids[i] = step_insert (fill, stmt, error)))
        return FALSE;
    }
  return TRUE;
}

/* Demo: customers and their contacts ---------------------------------------------- */

static gboolean
insert_contact (Fill                  *fill,
                const SampleCustomer  *customer,
                const char            *full_name,
                const char            *position,
                const char            *phone,
                const char            *email,
                gboolean               primary,
                gint64                *id,
                GError               **error)
{
  static const char sql[] =
    "INSERT INTO contacts (customer_id, full_name, sort_key, position, phone, email, is_primary, "
    "  created_at, updated_at, created_by) "
    "VALUES (:customer, :name, :sort, :position, :phone, :email, :primary, :now, :now, :by)";
  g_autofree char *sort_key = crm_text_person_sort_key (full_name);
  g_autofree char *phone_terms = crm_text_phone_search_terms (phone);
  g_autofree char *body = NULL;
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (fill->store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":customer", customer->id);
  _crm_bind_text (stmt, ":name", full_name);
  _crm_bind_text (stmt, ":sort", sort_key);
  _crm_bind_text (stmt, ":position", position);
  _crm_bind_text (stmt, ":phone", phone);
  _crm_bind_text (stmt, ":email", email);
  _crm_bind_int64 (stmt, ":primary", primary);
  bind_created (fill, stmt, NULL);
  if (!(*id = step_insert (fill, stmt, error)))
    return FALSE;
  body = g_strjoin (" ", full_name, position, phone_terms, email, customer->name, customer->code, NULL);
  return _crm_store_put_search_doc (fill->store, "contact", *id, customer->id, customer->code,
                                    full_name, body, error);
}

/* One to three people at a company, the first one its main contact. */
static gboolean
write_contacts (Fill            *fill,
                SampleCustomer  *customer,
                GError         **error)
{
  const char *domain = customer->email ? strchr (customer->email, '@') + 1 : "gmail.com";
  guint n_contacts = random_between (fill, 1, 3);

  for (guint i = 0; i < n_contacts; i++)
    {
      PersonName name;
      g_autofree char *full_name = NULL;
      g_autofree char *phone = NULL;
      g_autofree char *email = NULL;
      const char *position = i == 0 ? contact_positions[random_between (fill, 0, 1)]
                                    : PICK (fill, contact_positions);
      gint64 id;

      make_person_name (fill, &name);
      full_name = person_full_name (&name);
      phone = mobile_phone (fill);
      email = person_email (fill, &name, domain);
      if (!insert_contact (fill, customer, full_name, position, phone, email, i == 0, &id, error))
        return FALSE;
      if (i > 0)
        continue;
      customer->contact_id = id;
      customer->contact_name = g_steal_pointer (&full_name);
      customer->contact_position = g_strdup (position);
      customer->contact_email = g_steal_pointer (&email);
      customer->salutation = person_salutation (&name);
    }
  return TRUE;
}

static SampleCustomer *
sample_customer_keep (Fill              *fill,
                      const CrmCustomer *customer)
{
  SampleCustomer *sample = g_new0 (SampleCustomer, 1);
  const CrmProvince *province = crm_province_get (customer->province_code);

  sample_customer_borrow (sample, customer, fill);
  sample->code = g_strdup (customer->code);
  sample->name = g_strdup (customer->full_name);
  sample->email = g_strdup (sample->email);
  sample->address = g_strdup_printf ("%s, %s, %s", customer->street, customer->ward,
                                     province ? province->short_name : "");
  sample->from_campaign = g_strcmp0 (customer->source, "campaign") == 0;
  g_ptr_array_add (fill->customers, sample);
  return sample;
}

static gboolean
write_demo_customer (Fill     *fill,
                     guint     index,
                     GError  **error)
{
  gboolean company = index % 5 < 2;
  PersonName name;
  g_autoptr(CrmCustomer) customer = company ? generate_company (fill) : generate_person (fill, &name);
  SampleCustomer *sample;

  set_relationship (fill, customer);
  plan_customer_history (fill, customer, random_between (fill, 1, 8), 180);
  if (!write_customer (fill, customer, error))
    return FALSE;
  sample = sample_customer_keep (fill, customer);
  if (!company)
    sample->salutation = person_salutation (&name);
  return (!company || write_contacts (fill, sample, error)) &&
         write_history (fill, sample, error);
}

/* Demo: campaigns, deals, documents ----------------------------------------------------- */

static const struct
{
  const char *name;
  const char *channel;
  int         starts;
  int         ends;
  gint64      budget;
  const char *target;
  const char *notes;
} demo_campaigns[] = {
  { "Tri ân khách hàng cuối năm", "zalo", -8, 38, 50000000, "Khách hàng VIP và đại lý",
    "Gửi quà và phiếu giảm giá 5% qua Zalo OA" },
  { "Hội chợ Vietnam ICT Comm", "event", -150, -147, 120000000, "Doanh nghiệp nhỏ và vừa",
    "Gian hàng tại SECC, thu danh thiếp khách tham quan" },
};

static gboolean
write_campaigns (Fill    *fill,
                 gint64   ids[],
                 GError **error)
{
  static const char sql[] =
    "INSERT INTO campaigns (name, channel, starts_on, ends_on, budget, target, owner_id, notes, "
    "  created_at, updated_at, created_by) "
    "VALUES (:name, :channel, :starts, :ends, :budget, :target, :owner, :notes, :now, :now, :by)";

  for (guint i = 0; i < G_N_ELEMENTS (demo_campaigns); i++)
    {
      gint64 start_day = fill->today + demo_campaigns[i].starts;
      g_autofree char *name = g_strdup_printf ("%s %d", demo_campaigns[i].name, year_of_day (start_day));
      char starts[DATE_LEN], ends[DATE_LEN];
      sqlite3_stmt *stmt = _crm_store_prepare (fill->store, sql, error);

      if (stmt == NULL)
        return FALSE;
      format_day (start_day, starts);
      format_day (fill->today + demo_campaigns[i].ends, ends);
      _crm_bind_text (stmt, ":name", name);
      _crm_bind_text (stmt, ":channel", demo_campaigns[i].channel);
      _crm_bind_text (stmt, ":starts", starts);
      _crm_bind_text (stmt, ":ends", ends);
      _crm_bind_int64 (stmt, ":budget", demo_campaigns[i].budget);
      _crm_bind_text (stmt, ":target", demo_campaigns[i].target);
      _crm_bind_id (stmt, ":owner", team_manager (fill, fill->teams[i % G_N_ELEMENTS (team_names)])->id);
      _crm_bind_text (stmt, ":notes", demo_campaigns[i].notes);
      bind_created (fill, stmt, NULL);
      if (!(ids[i] = step_insert (fill, stmt, error)))
        return FALSE;
    }
  return TRUE;
}

static const char *const opportunity_titles[] = {
  "Trang bị máy tính cho phòng kế toán", "Nâng cấp hệ thống mạng văn phòng",
  "Gia hạn phần mềm kế toán", "Thay mới máy in cho chi nhánh", "Hợp đồng bảo trì hệ thống",
  "Thiết bị phòng họp trực tuyến", "Camera an ninh cho nhà xưởng", "Nội thất văn phòng mới",
  "Chuyển sang hóa đơn điện tử", "Website bán hàng",
};

typedef struct
{
  SampleCustomer *customer;
  const char     *stage;
  gint64          campaign_id;
  gint64          value;
  gint64          created_at;
  gint64          decided_at;  /* won or lost, else 0 */
} SampleDeal;

static gint64
stage_probability (const char *stage)
{
  static const struct
  {
    const char *stage;
    gint64      bp;
  } table[] = {
    { "new", 1000 }, { "qualified", 2500 }, { "proposal", 5000 }, { "negotiation", 7000 },
    { "won", 10000 }, { "lost", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (strcmp (table[i].stage, stage) == 0)
      return table[i].bp;
  return 1000;
}

static gint64
insert_opportunity (Fill              *fill,
                    const SampleDeal  *deal,
                    GError           **error)
{
  static const char sql[] =
    "INSERT INTO opportunities (customer_id, owner_id, title, stage, lost_reason, expected_value, "
    "  probability_bp, expected_close, campaign_id, won_at, lost_at, created_at, updated_at, created_by) "
    "VALUES (:customer, :owner, :title, :stage, :reason, :value, :probability, :close, :campaign, "
    "  :won, :lost, :created, :created, :owner)";
  gboolean won = strcmp (deal->stage, "won") == 0, lost = strcmp (deal->stage, "lost") == 0;
  char close[DATE_LEN], created[TIME_LEN], decided[TIME_LEN];
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (fill->store, sql, error)))
    return 0;
  format_day (deal->decided_at ? day_of_time (deal->decided_at) : fill->today + random_between (fill, 7, 60), close);
  format_timestamp (deal->created_at, created);
  format_timestamp (deal->decided_at, decided);
  _crm_bind_int64 (stmt, ":customer", deal->customer->id);
  _crm_bind_id (stmt, ":owner", deal->customer->assigned_to);
  _crm_bind_text (stmt, ":title", PICK (fill, opportunity_titles));
  _crm_bind_text (stmt, ":stage", deal->stage);
  _crm_bind_text (stmt, ":reason", lost ? "Khách chọn nhà cung cấp khác có giá thấp hơn" : NULL);
  _crm_bind_int64 (stmt, ":value", deal->value);
  _crm_bind_int64 (stmt, ":probability", stage_probability (deal->stage));
  _crm_bind_text (stmt, ":close", close);
  _crm_bind_id (stmt, ":campaign", deal->campaign_id);
  _crm_bind_text (stmt, ":won", won ? decided : NULL);
  _crm_bind_text (stmt, ":lost", lost ? decided : NULL);
  _crm_bind_text (stmt, ":created", created);
  return step_insert (fill, stmt, error);
}

static const char *
quote_status_for_stage (const char *stage)
{
  if (strcmp (stage, "proposal") == 0 || strcmp (stage, "negotiation") == 0)
    return "sent";
  if (strcmp (stage, "won") == 0)
    return "accepted";
  if (strcmp (stage, "lost") == 0)
    return "rejected";
  return NULL;
}

/* An accepted quote becomes an order, a large one a contract first. */
static gboolean
follow_quote (Fill               *fill,
              const SampleQuote  *quote,
              GError            **error)
{
  SampleOrder order = { quote->customer, &quote->doc, quote->id, 0, quote->owner_id, };
  gint64 accepted = day_of_time (quote_decided_at (fill, quote));

  if (strcmp (quote->status, "sent") == 0)
    {
      g_autofree char *title = g_strdup_printf ("Hỏi lại khách về báo giá %s", quote->code);

      return insert_reminder (fill, quote->owner_id, 0, "quote", quote->id, 0,
                              local_time (quote->issue_day + 5, 9, 0), title, error);
    }
  if (strcmp (quote->status, "accepted") != 0)
    return TRUE;
  if ((quote->doc.grand_total >= 20000000 || random_percent (fill, 30)) &&
      !write_contract (fill, quote, &order.contract_id, error))
    return FALSE;
  order.order_day = MIN (accepted + random_between (fill, 2, 8), fill->today);
  return write_order (fill, &order, error);
}

static gboolean
write_deal (Fill            *fill,
            SampleCustomer  *customer,
            const char      *stage,
            gint64           campaign_id,
            GError         **error)
{
  const char *quote_status = quote_status_for_stage (stage);
  SampleQuote quote = { customer, 0, customer->assigned_to, };
  SampleDeal deal = { customer, stage, campaign_id, };
  gboolean ok;

  if (quote_status != NULL)
    {
      plan_quote (fill, &quote, quote_status, 170);
      deal.value = quote.doc.grand_total;
      deal.created_at = quote.issued_at - (gint64) random_between (fill, 3, 20) * DAY;
      deal.decided_at = strcmp (quote_status, "sent") == 0 ? 0 : quote_decided_at (fill, &quote);
    }
  else
    {
      deal.value = (gint64) random_between (fill, 10, 300) * 1000000;
      deal.created_at = fill->now - (gint64) random_between (fill, 1, 40) * DAY;
    }
  ok = (quote.opportunity_id = customer->opportunity_id = insert_opportunity (fill, &deal, error)) != 0 &&
       (quote_status == NULL ||
        (write_quote (fill, &quote, TRUE, error) && follow_quote (fill, &quote, error)));
  g_free (quote.code);
  return ok;
}

static const char *
pick_stage (Fill                 *fill,
            const SampleCustomer *customer)
{
  static const Weighted prospect_stages[] = {
    { "new", 30 }, { "qualified", 30 }, { "proposal", 25 }, { "negotiation", 15 },
  };
  static const Weighted customer_stages[] = {
    { "proposal", 15 }, { "negotiation", 15 }, { "won", 50 }, { "lost", 20 },
  };

  if (customer->status == CRM_CUSTOMER_STATUS_PROSPECT)
    return PICK_WEIGHTED (fill, prospect_stages);
  return PICK_WEIGHTED (fill, customer_stages);
}

/* Deals for most prospects and customers, then quotes with no deal
 * behind them (drafts, expired ones), then orders placed directly. */
static gboolean
write_pipeline (Fill          *fill,
                const gint64   campaigns[],
                GError       **error)
{
  static const Weighted loose_statuses[] = { { "draft", 40 }, { "expired", 40 }, { "accepted", 20 } };

  for (guint i = 0; i < fill->customers->len; i++)
    {
      SampleCustomer *customer = g_ptr_array_index (fill->customers, i);

      if ((customer->status == CRM_CUSTOMER_STATUS_PROSPECT ||
           customer->status == CRM_CUSTOMER_STATUS_CUSTOMER) && random_percent (fill, 50) &&
          !write_deal (fill, customer, pick_stage (fill, customer),
                       customer->from_campaign ? campaigns[1] : 0, error))
        return FALSE;
    }
  for (guint i = 0; i < 15; i++)
    {
      const char *status = PICK_WEIGHTED (fill, loose_statuses);
      SampleQuote quote = { random_customer (fill), 0, 0, };
      gboolean ok;

      /* Only customers buy. */
      for (guint attempt = 0; attempt < 50 && strcmp (status, "accepted") == 0 &&
           quote.customer->status != CRM_CUSTOMER_STATUS_CUSTOMER; attempt++)
        quote.customer = random_customer (fill);
      quote.owner_id = quote.customer->assigned_to;
      plan_quote (fill, &quote, status, 170);
      ok = write_quote (fill, &quote, TRUE, error) && follow_quote (fill, &quote, error);
      g_free (quote.code);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_direct_orders (Fill    *fill,
                     GError **error)
{
  for (guint i = 0, written = 0; i < fill->customers->len && written < 15; i++)
    {
      SampleCustomer *customer = g_ptr_array_index (fill->customers, i);
      SampleDoc doc;
      SampleOrder order = { customer, &doc, 0, 0, customer->assigned_to, };

      if (customer->status != CRM_CUSTOMER_STATUS_CUSTOMER || customer->last_order_id != 0)
        continue;
      make_lines (fill, customer, &doc);
      order.order_day = fill->today - random_between (fill, 0, 170);
      if (!write_order (fill, &order, error))
        return FALSE;
      written++;
    }
  return TRUE;
}

static gboolean
insert_campaign_member (Fill                  *fill,
                        gint64                 campaign_id,
                        const SampleCustomer  *customer,
                        const char            *status,
                        GError               **error)
{
  static const char sql[] =
    "INSERT INTO campaign_members (campaign_id, customer_id, status, opportunity_id, order_id, "
    "  updated_at, updated_by) VALUES (:campaign, :customer, :status, :opportunity, :order, :now, :by) "
    "ON CONFLICT DO NOTHING";
  gboolean converted = strcmp (status, "converted") == 0;
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (fill->store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":campaign", campaign_id);
  _crm_bind_int64 (stmt, ":customer", customer->id);
  _crm_bind_text (stmt, ":status", status);
  _crm_bind_id (stmt, ":opportunity", converted ? customer->opportunity_id : 0);
  _crm_bind_id (stmt, ":order", converted ? customer->last_order_id : 0);
  bind_created (fill, stmt, NULL);
  if (!step_row (fill, stmt, error))
    return FALSE;
  if (!converted || customer->last_order_id == 0)
    return TRUE;

  /* The order the member converted with counts as the campaign's revenue. */
  if (!(stmt = _crm_store_prepare (fill->store,
                                   "UPDATE orders SET campaign_id = :campaign "
                                   "WHERE id = :order AND campaign_id IS NULL", error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":campaign", campaign_id);
  _crm_bind_int64 (stmt, ":order", customer->last_order_id);
  return step_row (fill, stmt, error);
}

/* The year-end campaign goes to customers; the fair's to the leads it
 * brought in.  "Converted" only where there is a deal or an order. */
static gboolean
write_campaign_members (Fill          *fill,
                        const gint64   campaigns[],
                        GError       **error)
{
  static const Weighted statuses[] = {
    { "none", 30 }, { "contacted", 35 }, { "responded", 20 }, { "converted", 15 },
  };

  for (guint i = 0; i < fill->customers->len; i++)
    {
      const SampleCustomer *customer = customer_at (fill, i);
      gboolean year_end = customer->status == CRM_CUSTOMER_STATUS_CUSTOMER && random_percent (fill, 50);
      gboolean fair = customer->from_campaign || (customer->status == CRM_CUSTOMER_STATUS_LEAD &&
                                                  random_percent (fill, 30));
      const char *status = PICK_WEIGHTED (fill, statuses);

      if (strcmp (status, "converted") == 0 && customer->opportunity_id == 0 && customer->last_order_id == 0)
        status = "responded";
      if ((year_end && !insert_campaign_member (fill, campaigns[0], customer, status, error)) ||
          (fair && !insert_campaign_member (fill, campaigns[1], customer, status, error)))
        return FALSE;
    }
  return TRUE;
}

/* Demo: the calendar of this week and the next ------------------------------------------- */

typedef struct
{
  gint64      owner_id;
  const char *kind;
  const char *title;
  gint64      starts_at;
  gint64      ends_at;
  gboolean    all_day;
  const char *location;
  gint64      customer_id;
  const char *recur_freq;
  gint64      reminder_minutes;
} SampleEvent;

static gint64
insert_event (Fill               *fill,
              const SampleEvent  *event,
              GError            **error)
{
  static const char sql[] =
    "INSERT INTO events (owner_id, kind, title, starts_at, ends_at, all_day, location, customer_id, "
    "  done, done_at, recur_freq, created_at, updated_at, created_by) "
    "VALUES (:owner, :kind, :title, :starts, :ends, :all_day, :location, :customer, :done, :done_at, "
    "  :recur, :now, :now, :owner)";
  gboolean done = event->recur_freq == NULL && event->ends_at < fill->now;
  char starts[TIME_LEN], ends[TIME_LEN];
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (fill->store, sql, error)))
    return 0;
  format_timestamp (event->starts_at, starts);
  format_timestamp (event->ends_at, ends);
  _crm_bind_id (stmt, ":owner", event->owner_id);
  _crm_bind_text (stmt, ":kind", event->kind);
  _crm_bind_text (stmt, ":title", event->title);
  _crm_bind_text (stmt, ":starts", starts);
  _crm_bind_text (stmt, ":ends", ends);
  _crm_bind_int64 (stmt, ":all_day", event->all_day);
  _crm_bind_text (stmt, ":location", event->location);
  _crm_bind_id (stmt, ":customer", event->customer_id);
  _crm_bind_int64 (stmt, ":done", done);
  _crm_bind_text (stmt, ":done_at", done ? ends : NULL);
  _crm_bind_text (stmt, ":recur", event->recur_freq);
  _crm_bind_text (stmt, ":now", fill->now_text);
  return step_insert (fill, stmt, error);
}

static gboolean
insert_participant (Fill     *fill,
                    gint64    event_id,
                    gint64    user_id,
                    GError  **error)
{
  static const char sql[] =
    "INSERT INTO event_participants (event_id, user_id) VALUES (:event, :user) ON CONFLICT DO NOTHING";
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (fill->store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":event", event_id);
  _crm_bind_int64 (stmt, ":user", user_id);
  return step_row (fill, stmt, error);
}

/* The event, its owner as participant and the owner's reminder. */
static gboolean
write_event (Fill               *fill,
             const SampleEvent  *event,
             gint64             *event_id,
             GError            **error)
{
  gint64 id = insert_event (fill, event, error);

  *event_id = id;
  return id != 0 &&
         insert_participant (fill, id, event->owner_id, error) &&
         insert_reminder (fill, event->owner_id, id, NULL, 0, event->reminder_minutes,
                          event->starts_at - event->reminder_minutes * 60, event->title, error);
}

/* Monday 8:30 every week, the whole team invited. */
static gboolean
write_team_meetings (Fill     *fill,
                     gint64    monday,
                     GError  **error)
{
  for (guint t = 0; t < G_N_ELEMENTS (team_names); t++)
    {
      g_autofree char *title = g_strdup_printf ("Họp giao ban tuần – %s", team_names[t]);
      SampleEvent event = { team_manager (fill, fill->teams[t])->id, "meeting", title,
                            local_time (monday, 8, 30), local_time (monday, 9, 30), FALSE,
                            "Phòng họp tầng 3", 0, "weekly", 15 };
      gint64 id;

      if (!write_event (fill, &event, &id, error))
        return FALSE;
      for (guint i = 0; i < fill->users->len; i++)
        if (user_at (fill, i)->team_id == fill->teams[t] &&
            !insert_participant (fill, id, user_at (fill, i)->id, error))
          return FALSE;
    }
  return TRUE;
}

static const SampleCustomer *
customer_of (Fill   *fill,
             gint64  user_id)
{
  for (guint attempt = 0; attempt < 40; attempt++)
    {
      const SampleCustomer *customer = random_customer (fill);

      if (customer->assigned_to == user_id)
        return customer;
    }
  return random_customer (fill);
}

static char *
event_title (const char           *kind,
             const SampleCustomer *customer)
{
  const char *who = customer->salutation ? customer->salutation : "khách";

  if (strcmp (kind, "meeting") == 0)
    return customer->kind == CRM_CUSTOMER_KIND_PERSON
           ? g_strdup_printf ("Gặp khách hàng %s", customer->name)
           : g_strdup_printf ("Gặp %s – %s", who, customer->name);
  if (strcmp (kind, "call") == 0)
    return g_strdup_printf ("Gọi lại %s (%s)", who, customer->name);
  if (strcmp (kind, "visit") == 0)
    return g_strdup_printf ("Khảo sát lắp đặt tại %s", customer->name);
  if (strcmp (kind, "task") == 0)
    return g_strdup_printf ("Chuẩn bị báo giá cho %s", customer->name);
  if (strcmp (kind, "deadline") == 0)
    return g_strdup_printf ("Hạn chốt đơn hàng – %s", customer->name);
  return g_strdup_printf ("Gọi chăm sóc %s sau giao hàng", who);
}

/* A working day of this week or the next, with something to do on it. */
static gboolean
write_user_event (Fill              *fill,
                  const SampleUser  *user,
                  gint64             monday,
                  GError           **error)
{
  static const struct
  {
    const char *kind;
    guint       minutes;
    gint64      reminder;
  } kinds[] = {
    { "meeting", 60, 30 }, { "call", 15, 10 }, { "visit", 90, 60 }, { "task", 60, 30 },
    { "deadline", 0, 1440 }, { "care", 15, 10 },
  };
  guint k = random_between (fill, 0, G_N_ELEMENTS (kinds) - 1);
  const SampleCustomer *customer = customer_of (fill, user->id);
  gint64 day = monday + (random_between (fill, 0, 9) / 5) * 7 + random_between (fill, 0, 4);
  gboolean all_day = kinds[k].minutes == 0;
  gint64 starts = all_day ? local_time (day, 0, 0) : local_time (day, random_between (fill, 8, 16),
                                                                  random_between (fill, 0, 3) * 15);
  g_autofree char *title = event_title (kinds[k].kind, customer);
  gboolean on_site = strcmp (kinds[k].kind, "meeting") == 0 || strcmp (kinds[k].kind, "visit") == 0;
  SampleEvent event = { user->id, kinds[k].kind, title, starts,
                        all_day ? starts + DAY : starts + kinds[k].minutes * 60, all_day,
                        on_site ? customer->address : NULL, customer->id, NULL, kinds[k].reminder };
  gint64 id;

  return write_event (fill, &event, &id, error);
}

static gboolean
write_calendar (Fill    *fill,
                GError **error)
{
  /* 1970-01-01 was a Thursday. */
  gint64 monday = fill->today - (fill->today + 3) % 7;

  if (!write_team_meetings (fill, monday, error))
    return FALSE;
  for (guint i = 0; i < fill->users->len; i++)
    for (guint n = 0; n < 6; n++)
      if (!write_user_event (fill, user_at (fill, i), monday, error))
        return FALSE;
  return TRUE;
}

/* Demo: after-sales care ----------------------------------------------------------------- */

static const struct
{
  const char *kind;
  const char *subject;
  const char *description;
  guint       rule;  /* index in care_rules, or G_MAXUINT */
} care_templates[] = {
  { "complaint", "Máy in báo lỗi kẹt giấy liên tục", "Khách phản ánh máy in kẹt giấy 3 lần trong tuần.", G_MAXUINT },
  { "complaint", "Giao hàng trễ so với hẹn", "Đơn hàng giao chậm 2 ngày, khách chưa hài lòng.", G_MAXUINT },
  { "question", "Hỏi cách xuất hóa đơn điều chỉnh", "Kế toán cần hướng dẫn trên phần mềm.", G_MAXUINT },
  { "question", "Hỏi gia hạn bản quyền phần mềm", NULL, G_MAXUINT },
  { "warranty", "Bảo hành màn hình bị sọc", "Màn hình mua tháng trước có sọc dọc.", G_MAXUINT },
  { "warranty", "Bộ lưu điện không sạc", NULL, G_MAXUINT },
  { "care_call", "Gọi chăm sóc 30 ngày sau giao hàng", NULL, 1 },
  { "thanks", "Gửi thư cảm ơn sau khi ký hợp đồng", NULL, 0 },
  { "survey", "Khảo sát mức độ hài lòng", NULL, 3 },
};

static const char *const care_notes[] = {
  "Đã gọi điện hướng dẫn khách", "Kỹ thuật đến kiểm tra tại chỗ", "Đổi thiết bị mới cho khách",
  "Chờ hãng phản hồi bảo hành", "Khách xác nhận đã ổn",
};

static gboolean
insert_care_actions (Fill        *fill,
                     gint64       case_id,
                     gint64       user_id,
                     gint64       opened_at,
                     guint        n_actions,
                     GError     **error)
{
  static const char sql[] =
    "INSERT INTO care_actions (case_id, user_id, occurred_at, note, created_at, created_by) "
    "VALUES (:case, :user, :at, :note, :at, :user)";

  for (guint i = 0; i < n_actions; i++)
    {
      char at[TIME_LEN];
      sqlite3_stmt *stmt = _crm_store_prepare (fill->store, sql, error);

      if (stmt == NULL)
        return FALSE;
      format_timestamp (MIN (opened_at + (gint64) (i + 1) * DAY / 2, fill->now), at);
      _crm_bind_int64 (stmt, ":case", case_id);
      _crm_bind_id (stmt, ":user", user_id);
      _crm_bind_text (stmt, ":at", at);
      _crm_bind_text (stmt, ":note", PICK (fill, care_notes));
      if (!step_row (fill, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_care_case (Fill          *fill,
                 guint          index,
                 const gint64   standards[],
                 GError       **error)
{
  static const char sql[] =
    "INSERT INTO care_cases (customer_id, assignee_id, standard_id, kind, priority, status, subject, "
    "  description, due_on, resolved_at, created_at, updated_at, created_by) "
    "VALUES (:customer, :assignee, :standard, :kind, :priority, :status, :subject, :description, "
    "  :due, :resolved, :opened, :opened, :assignee)";
  static const Weighted priorities[] = { { "low", 15 }, { "normal", 55 }, { "high", 20 }, { "urgent", 10 } };
  static const Weighted statuses[] = {
    { "new", 25 }, { "in_progress", 25 }, { "waiting", 10 }, { "resolved", 25 }, { "closed", 15 },
  };
  guint t = index % G_N_ELEMENTS (care_templates);
  const SampleCustomer *customer = random_customer (fill);
  const char *status = PICK_WEIGHTED (fill, statuses);
  gboolean finished = strcmp (status, "resolved") == 0 || strcmp (status, "closed") == 0;
  gint64 opened = fill->now - (gint64) random_between (fill, 0, 40) * DAY;
  char due[DATE_LEN], opened_at[TIME_LEN], resolved[TIME_LEN];
  sqlite3_stmt *stmt;
  gint64 id;

  if (!(stmt = _crm_store_prepare (fill->store, sql, error)))
    return FALSE;
  format_day (day_of_time (opened) + random_between (fill, 2, 7), due);
  format_timestamp (opened, opened_at);
  format_timestamp (MIN (opened + 2 * DAY, fill->now), resolved);
  _crm_bind_int64 (stmt, ":customer", customer->id);
  _crm_bind_id (stmt, ":assignee", customer->assigned_to);
  _crm_bind_id (stmt, ":standard", care_templates[t].rule < G_N_ELEMENTS (care_rules)
                                   ? standards[care_templates[t].rule] : 0);
  _crm_bind_text (stmt, ":kind", care_templates[t].kind);
  _crm_bind_text (stmt, ":priority", PICK_WEIGHTED (fill, priorities));
  _crm_bind_text (stmt, ":status", status);
  _crm_bind_text (stmt, ":subject", care_templates[t].subject);
  _crm_bind_text (stmt, ":description", care_templates[t].description);
  _crm_bind_text (stmt, ":due", due);
  _crm_bind_text (stmt, ":resolved", finished ? resolved : NULL);
  _crm_bind_text (stmt, ":opened", opened_at);
  if (!(id = step_insert (fill, stmt, error)))
    return FALSE;
  return insert_care_actions (fill, id, customer->assigned_to, opened,
                              strcmp (status, "new") == 0 ? 0 : random_between (fill, 1, 2), error);
}

/* Demo: putting it together -------------------------------------------------------------- */

static gboolean
update_revenue (Fill    *fill,
                GError **error)
{
  static const char sql[] =
    "UPDATE customers SET revenue = (SELECT coalesce (sum (o.grand_total), 0) FROM orders o "
    "  WHERE o.customer_id = customers.id AND o.delivery_status <> 'cancelled') "
    "WHERE id IN (SELECT customer_id FROM orders)";
  sqlite3_stmt *stmt = _crm_store_prepare (fill->store, sql, error);

  return stmt != NULL && _crm_store_step_done (fill->store, stmt, error);
}

static gboolean
require_admin (CrmSession  *session,
               GError     **error)
{
  if (crm_session_get_role (session) == CRM_ROLE_ADMIN)
    return TRUE;
  g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                       _("Only an administrator may do this."));
  return FALSE;
}

static gboolean
require_no_customer (Fill    *fill,
                     GError **error)
{
  static const char sql[] = "SELECT count(*) FROM customers";
  sqlite3_stmt *stmt = _crm_store_prepare (fill->store, sql, error);
  gint64 count = stmt ? step_query_int (fill, stmt, error) : -1;

  if (count < 0)
    return FALSE;
  if (count > 0)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_EXISTS,
                           _("Demo data can only be added to an empty database."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_demo (Fill    *fill,
            GError **error)
{
  gint64 standards[G_N_ELEMENTS (care_rules)];
  gint64 campaigns[G_N_ELEMENTS (demo_campaigns)];

  if (!require_no_customer (fill, error) ||
      !ensure_base (fill, error) ||
      !write_demo_passwords (fill, error) ||
      !write_vip_price_list (fill, error) ||
      !write_promotions (fill, error) ||
      !write_care_standards (fill, standards, error))
    return FALSE;
  for (guint i = 0; i < DEMO_CUSTOMERS; i++)
    if (!write_demo_customer (fill, i, error))
      return FALSE;
  if (!write_campaigns (fill, campaigns, error) ||
      !write_pipeline (fill, campaigns, error) ||
      !write_direct_orders (fill, error) ||
      !write_campaign_members (fill, campaigns, error) ||
      !write_calendar (fill, error))
    return FALSE;
  for (guint i = 0; i < 12; i++)
    if (!write_care_case (fill, i, standards, error))
      return FALSE;
  return update_revenue (fill, error) &&
         _crm_store_audit (fill->store, fill->admin, "create", "sample_data", 0, NULL, NULL, "demo", error);
}

/**
 * crm_sample_fill_demo:
 * @admin: an administrator's session
 *
 * Fills an empty database with a small Vietnamese office: two sales teams,
 * about 150 customers with their contacts and history, products, deals,
 * quotes, contracts, orders, this fortnight's calendar, care cases and
 * campaigns.  All in one transaction; refuses with %CRM_STORE_ERROR_EXISTS
 * when the database already has customers.
 */
gboolean
crm_sample_fill_demo (CrmStore    *store,
                      CrmSession  *admin,
                      GError     **error)
{
  g_autoptr(Fill) fill = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (admin), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!require_admin (admin, error))
    return FALSE;
  fill = fill_new (store, admin, DEMO_SEED);
  if (!_crm_store_begin (store, error))
    return FALSE;
  if (!write_demo (fill, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/* Bench: large fills ---------------------------------------------------------------------- */

static const Weighted bench_quote_statuses[] = {
  { "draft", 10 }, { "sent", 20 }, { "accepted", 35 }, { "rejected", 15 }, { "expired", 20 },
};

/* Spreads quotes_per_100_customers evenly: exactly N·q/100 in all. */
static guint
quotes_for_customer (const CrmSampleSpec *spec,
                     guint                index)
{
  guint64 before = (guint64) index * spec->quotes_per_100_customers / 100;
  guint64 after = (guint64) (index + 1) * spec->quotes_per_100_customers / 100;

  return (guint) (after - before);
}

static gboolean
write_bench_customer (Fill                 *fill,
                      const CrmSampleSpec  *spec,
                      guint                 index,
                      GError              **error)
{
  PersonName name;
  g_autoptr(CrmCustomer) customer = random_percent (fill, 35) ? generate_company (fill)
                                                               : generate_person (fill, &name);
  guint n_quotes = quotes_for_customer (spec, index);
  SampleCustomer sample;

  set_relationship (fill, customer);
  plan_customer_history (fill, customer, spec->interactions_per_customer, 365);
  if (!write_customer (fill, customer, error))
    return FALSE;
  sample_customer_borrow (&sample, customer, fill);
  if (!write_history (fill, &sample, error))
    return FALSE;
  for (guint i = 0; i < n_quotes; i++)
    {
      SampleQuote quote = { &sample, 0, customer->assigned_to, };
      gboolean ok;

      plan_quote (fill, &quote, PICK_WEIGHTED (fill, bench_quote_statuses), 365);
      ok = write_quote (fill, &quote, FALSE, error);
      g_free (quote.code);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_bench_base (Fill                 *fill,
                  const CrmSampleSpec  *spec,
                  GError              **error)
{
  g_autofree char *count = g_strdup_printf ("%u", spec->customers);

  if (!_crm_store_begin (fill->store, error))
    return FALSE;
  if (!ensure_base (fill, error) ||
      !_crm_store_audit (fill->store, fill->admin, "create", "sample_data", 0, "customers",
                         NULL, count, error) ||
      !_crm_store_commit (fill->store, error))
    {
      _crm_store_rollback (fill->store);
      return FALSE;
    }
  return TRUE;
}

/* The search index triggers of search_docs, as the schema defines them,
 * so that a bulk load can drop them and put them back unchanged. */
static gboolean
read_search_triggers (Fill    *fill,
                      GError **error)
{
  static const char sql[] =
    "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'search_docs' "
    "ORDER BY name";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (fill->store, sql, error)))
    return FALSE;
  g_ptr_array_set_size (fill->trigger_sql, 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (fill->trigger_sql, _crm_column_text (stmt, 0));
      g_ptr_array_add (fill->trigger_sql, _crm_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (fill->store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Identifiers cannot be bound: the names come from our own schema. */
static gboolean
drop_search_triggers (Fill    *fill,
                      GError **error)
{
  for (guint i = 0; i < fill->trigger_sql->len; i += 2)
    {
      g_autofree char *sql = g_strdup_printf ("DROP TRIGGER \"%s\"",
                                              (char *) g_ptr_array_index (fill->trigger_sql, i));

      if (!_crm_store_exec (fill->store, sql, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
create_search_triggers (Fill    *fill,
                        GError **error)
{
  for (guint i = 1; i < fill->trigger_sql->len; i += 2)
    if (!_crm_store_exec (fill->store, g_ptr_array_index (fill->trigger_sql, i), error))
      return FALSE;
  return TRUE;
}

/* In a bulk load every batch drops the search triggers and puts them back
 * before it commits: what is committed always has its triggers, and the
 * index catches up with one rebuild at the end. */
static gboolean
begin_batch (Fill     *fill,
             gboolean  bulk,
             GError  **error)
{
  if (!_crm_store_begin (fill->store, error))
    return FALSE;
  if (bulk && !drop_search_triggers (fill, error))
    {
      _crm_store_rollback (fill->store);
      return FALSE;
    }
  return TRUE;
}

static gboolean
commit_batch (Fill     *fill,
              gboolean  bulk,
              GError  **error)
{
  if (bulk && !create_search_triggers (fill, error))
    {
      _crm_store_rollback (fill->store);
      return FALSE;
    }
  return _crm_store_commit (fill->store, error);
}

static gboolean
rebuild_search_index (Fill    *fill,
                      GError **error)
{
  static const char sql[] = "INSERT INTO search_fts (search_fts) VALUES ('rebuild')";

  if (!_crm_store_begin (fill->store, error))
    return FALSE;
  if (!_crm_store_exec (fill->store, sql, error) || !_crm_store_commit (fill->store, error))
    {
      _crm_store_rollback (fill->store);
      return FALSE;
    }
  return TRUE;
}

/* Index pages of a million interactions do not fit the usual cache: give
 * the load more for its duration. */
static void
enlarge_cache (Fill *fill)
{
  sqlite3 *db = _crm_store_get_db (fill->store);

  if (!_crm_query_int (db, "PRAGMA cache_size", &fill->cache_size, NULL, NULL))
    fill->cache_size = 0;
  else
    _crm_store_exec (fill->store, "PRAGMA cache_size = -" G_STRINGIFY (BULK_CACHE_KIB), NULL);
}

static void
restore_cache (Fill *fill)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, fill->cache_size);

  if (fill->cache_size != 0)
    _crm_store_exec (fill->store, sql, NULL);
}

static gboolean
write_bench_customers (Fill                 *fill,
                       const CrmSampleSpec  *spec,
                       void                (*progress) (guint64, gpointer),
                       gpointer              data,
                       GCancellable         *cancellable,
                       guint                *committed,
                       GError              **error)
{
  guint done = 0;

  while (done < spec->customers)
    {
      guint64 limit = spec->bulk ? fill->rows + BATCH_ROWS : G_MAXUINT64;

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !begin_batch (fill, spec->bulk, error))
        return FALSE;
      while (done < spec->customers && fill->rows < limit)
        if (!write_bench_customer (fill, spec, done++, error))
          {
            _crm_store_rollback (fill->store);
            return FALSE;
          }
      if (!commit_batch (fill, spec->bulk, error))
        return FALSE;
      *committed = done;
      if (progress != NULL)
        progress (fill->rows, data);
    }
  return TRUE;
}

/**
 * crm_sample_fill:
 * @spec: how many customers, interactions and quotes, the seed, and
 *   whether this is a bulk load
 * @progress: (nullable): called after every batch with the rows written
 *
 * Adds @spec->customers customers, each with its interactions, and the
 * quotes, after creating the users, teams, categories and products they
 * need if they are missing.  A bulk load commits every ~50 000 rows and
 * rebuilds the search index once at the end, also when it is cancelled
 * (@cancellable is checked between batches) or fails: what was committed
 * stays, searchable.  Otherwise everything is one transaction.
 */
gboolean
crm_sample_fill (CrmStore             *store,
                 CrmSession           *admin,
                 const CrmSampleSpec  *spec,
                 void                (*progress) (guint64 rows, gpointer data),
                 gpointer              data,
                 GCancellable         *cancellable,
                 GError              **error)
{
  g_autoptr(Fill) fill = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) rebuild_error = NULL;
  guint committed = 0;
  gboolean ok;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (admin), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!require_admin (admin, error) || g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  fill = fill_new (store, admin, spec->seed);
  if (!write_bench_base (fill, spec, error) ||
      (spec->bulk && !read_search_triggers (fill, error)))
    return FALSE;

  if (spec->bulk)
    enlarge_cache (fill);
  ok = write_bench_customers (fill, spec, progress, data, cancellable, &committed, &local_error);
  if (spec->bulk && committed > 0 && !rebuild_search_index (fill, &rebuild_error) && ok)
    {
      ok = FALSE;
      local_error = g_steal_pointer (&rebuild_error);
    }
  if (spec->bulk)
    restore_cache (fill);
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
